/**
 * `npm run dev`: the n8n editor on localhost with this package loaded, the simulator as its DocuSign,
 * the credential connected through the OAuth consent flow and the example workflows imported.
 *   npm run dev                                  n8n 1.x on Node 20
 *   npm run dev -- --n8n v2 --simulator-port 8085
 * Rebuild (`npm run build`) and restart to see code changes.
 */
import { startEditor, DEFAULT_OWNER } from './lib/editor';
import type { N8nVersion } from './lib/n8n';
import { WORKFLOWS } from './lib/workspace';

const arg = (name: string, fallback: string) =>
	process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;

async function main() {
	const editor = await startEditor(
		arg('--n8n', 'v1') as N8nVersion,
		Number(arg('--simulator-port', '0')),
	);
	const { server, sim, smtp } = editor;
	console.log(`
n8n editor      ${server.url}
login           ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}
examples        ${Object.values(WORKFLOWS)
		.map((id) => `${server.url}/workflow/${id}`)
		.join('\n                ')}
DocuSign        simulator at ${sim.baseUrl} (controls: ${sim.baseUrl}/__control/info), credential "DocuSign account" connected
e-mail          SMTP sink on 127.0.0.1:${smtp.port} (credential "SMTP account"); received mails are printed here

Ctrl-C stops everything.`);
	let seen = 0;
	const mailWatch = setInterval(() => {
		for (const mail of smtp.messages.slice(seen))
			console.log(`[mail] to ${mail.to.join(', ')}: ${mail.headers.subject}`);
		seen = smtp.messages.length;
	}, 1000);
	const stop = async () => {
		clearInterval(mailWatch);
		await editor.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
