/**
 * A deterministic stand-in for OpenAI's Chat Completions API, for n8n's real OpenAI Chat Model
 * node (its credential's Base URL points here). It plays the model's part only: it picks a tool
 * from the `tools` n8n sends and fills its arguments from the question; once the tool's answer is
 * in the conversation it answers from that answer. The tool calls themselves are n8n's and the
 * node's, for real. Node built-ins only.
 *
 *   "Who has the <profile> profile?"      -> the tool whose name starts with List_, { limit: 100 }
 *   "Add <email> to <group>"              -> the tool whose name starts with Add_, { email, group }
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Message {
	role: string;
	content?: string | null;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}
interface Tool {
	type: 'function';
	function: { name: string; parameters?: { properties?: Record<string, unknown> } };
}

export interface ScriptedModel {
	/** The base URL for the OpenAI credential, e.g. http://127.0.0.1:4711/v1 */
	url: string;
	/** Every chat completion request n8n sent (model, messages, tools). */
	requests: Array<{ messages: Message[]; tools: Tool[] }>;
	close(): Promise<void>;
}

const text = (content: Message['content']) =>
	typeof content === 'string' ? content : JSON.stringify(content ?? '');

/** What the stand-in model says next: a tool call, or its final answer. */
export function nextTurn(
	messages: Message[],
	tools: Tool[],
): { toolCall?: { name: string; args: Record<string, unknown> }; answer?: string } {
	const lastUser = messages.map((m) => m.role).lastIndexOf('user');
	const question = text(messages[lastUser]?.content);
	const toolAnswer = messages.slice(lastUser).find((m) => m.role === 'tool');
	const profile = /who has the (.+?) profile/i.exec(question)?.[1];
	const add = /add (\S+@\S+) to (.+?)[.?!]*$/i.exec(question);
	const tool = (prefix: string) =>
		tools.find((t) => t.function.name.startsWith(prefix))?.function.name;
	if (!toolAnswer) {
		if (profile && tool('List_'))
			return { toolCall: { name: tool('List_')!, args: { limit: 100 } } };
		if (add && tool('Add_'))
			return { toolCall: { name: tool('Add_')!, args: { email: add[1], group: add[2] } } };
		return { answer: 'I cannot answer that with the tools I have.' };
	}
	let result: unknown;
	try {
		result = JSON.parse(text(toolAnswer.content));
	} catch {
		return { answer: `The tool failed: ${text(toolAnswer.content)}` };
	}
	const rows = (Array.isArray(result) ? result : [result]) as Array<Record<string, any>>;
	if (profile) {
		const emails = rows
			.filter(
				(u) => String(u.permissionProfile?.name ?? '').toLowerCase() === profile.toLowerCase(),
			)
			.map((u) => u.email)
			.sort();
		return {
			answer: emails.length
				? `Users with the ${profile} profile: ${emails.join(', ')}`
				: `No user has the ${profile} profile.`,
		};
	}
	const [row] = rows;
	if (row?.error || !row?.action) return { answer: `The tool failed: ${text(toolAnswer.content)}` };
	return {
		answer: `${row.changed ? 'Done' : 'Nothing to do'}: ${row.email} is in ${row.group?.name}.`,
	};
}

function completion(model: string, turn: ReturnType<typeof nextTurn>, n: number) {
	const message = turn.toolCall
		? {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${n}`,
						type: 'function',
						function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.args) },
					},
				],
			}
		: { role: 'assistant', content: turn.answer };
	return {
		id: `chatcmpl-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, finish_reason: turn.toolCall ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as Server-Sent Events, for a client that asks for a stream. */
function streamed(res: ServerResponse, body: ReturnType<typeof completion>): void {
	const { message, finish_reason } = body.choices[0];
	const delta = message.tool_calls
		? { role: 'assistant', tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) }
		: { role: 'assistant', content: message.content };
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	const chunk = (choice: object) =>
		res.write(
			`data: ${JSON.stringify({ id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model, choices: [choice] })}\n\n`,
		);
	chunk({ index: 0, delta, finish_reason: null });
	chunk({ index: 0, delta: {}, finish_reason });
	res.end('data: [DONE]\n\n');
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	const requests: ScriptedModel['requests'] = [];
	let n = 0;
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						object: 'list',
						data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'stand-in' }],
					}),
				);
				return;
			}
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						error: {
							message: `the stand-in model only answers POST /chat/completions, not ${req.method} ${req.url}`,
						},
					}),
				);
				return;
			}
			const body = JSON.parse(raw || '{}') as {
				model?: string;
				messages?: Message[];
				tools?: Tool[];
				stream?: boolean;
			};
			requests.push({ messages: body.messages ?? [], tools: body.tools ?? [] });
			const answer = completion(
				body.model ?? 'gpt-4o-mini',
				nextTurn(body.messages ?? [], body.tools ?? []),
				++n,
			);
			if (body.stream) return streamed(res, answer);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
