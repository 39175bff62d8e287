/**
 * The node's own CPU time: V8's sampling profiler (node:inspector, 100 µs interval) during the
 * run, summing the self time of samples whose frame is code of the built package (dist/nodes,
 * dist/credentials). n8n's expression engine, HTTP stack and run bookkeeping are not counted,
 * nor is library code the node calls into; only the node's own functions.
 */
import { Session } from 'node:inspector';

interface ProfileNode {
	id: number;
	callFrame: { url: string };
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const OWN_CODE = /\/dist\/(nodes\/DocuSign|credentials)\//;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
	return new Promise((resolve, reject) =>
		session.post(method, params ?? {}, (error, result) =>
			error ? reject(error) : resolve(result as T),
		),
	);
}

export async function startNodeCpuProfile(): Promise<{ stop(): Promise<number> }> {
	const session = new Session();
	session.connect();
	await post(session, 'Profiler.enable');
	await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
	await post(session, 'Profiler.start');
	return {
		async stop() {
			const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
			session.disconnect();
			const own = new Set(
				profile.nodes.filter((n) => OWN_CODE.test(n.callFrame.url)).map((n) => n.id),
			);
			let micros = 0;
			profile.samples.forEach((nodeId, i) => {
				if (own.has(nodeId)) micros += profile.timeDeltas[i] ?? 0;
			});
			return micros / 1000;
		},
	};
}
