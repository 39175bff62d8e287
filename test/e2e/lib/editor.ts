/**
 * A real n8n editor wired to the simulator: the package loaded, an owner account, the examples
 * imported and the DocuSign credential connected through the real OAuth2 consent flow
 * (the simulator consents automatically). Used by `npm run dev` and `npm run screenshots`.
 */
import { startSimulator, type Simulator } from '../../simulator';
import { ensureN8n } from './ensureN8n';
import {
	createInstance,
	DEFAULT_OWNER,
	type N8nInstance,
	type N8nServer,
	type N8nVersion,
} from './n8n';
import { startSmtpSink, type SmtpSink } from './smtpSink';
import { DOCUSIGN_CREDENTIAL, importExamples, ROOT } from './workspace';

/** Right after owner setup n8n 2.x sometimes answers the OAuth start with 404 for a moment. */
async function connectWithRetry(server: N8nServer, attempts = 5): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await server.connectOAuth2(DOCUSIGN_CREDENTIAL.id);
			return;
		} catch (error) {
			if (attempt >= attempts) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

export interface Editor {
	sim: Simulator;
	smtp: SmtpSink;
	n8n: N8nInstance;
	server: N8nServer;
	close(): Promise<void>;
}

export async function startEditor(version: N8nVersion, simulatorPort = 0): Promise<Editor> {
	ensureN8n(version);
	const sim = await startSimulator({ port: simulatorPort });
	const smtp = await startSmtpSink();
	const n8n = await createInstance({ version, packageDir: ROOT });
	await importExamples(n8n, sim, smtp, undefined, undefined, false);
	const server = await n8n.start();
	await server.setupOwner();
	await connectWithRetry(server);
	return {
		sim,
		smtp,
		n8n,
		server,
		close: async () => {
			await n8n.dispose();
			await smtp.close();
			await sim.close();
		},
	};
}

export { DEFAULT_OWNER };
