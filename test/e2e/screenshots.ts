/**
 * `npm run screenshots`: opens the example workflows in a real n8n editor in headless Chromium
 * (Debian's /usr/bin/chromium, or CHROME=...) and saves the DocuSign node's parameters as PNGs in docs/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import puppeteer, { type Page } from 'puppeteer-core';

import { DEFAULT_OWNER, startEditor } from './lib/editor';
import type { N8nVersion } from './lib/n8n';
import { exampleWorkflows, ROOT, WORKFLOWS } from './lib/workspace';

const CHROME = process.env.CHROME ?? '/usr/bin/chromium';
const DOCS = join(ROOT, 'docs');
const version = (process.argv.includes('--n8n') ? process.argv[process.argv.indexOf('--n8n') + 1] : 'v2') as N8nVersion;

/** Which node of which example to open, and the file it becomes. */
const SHOTS = [
	{ file: 'node-operations.png', workflow: WORKFLOWS.joiner, node: 'Create or Update DocuSign User', openOperations: true },
	{ file: 'node-create-or-update.png', workflow: WORKFLOWS.joiner, node: 'Create or Update DocuSign User' },
	{ file: 'node-update-groups.png', workflow: WORKFLOWS.mover, node: 'Move DocuSign User' },
	{ file: 'node-notify-delete.png', workflow: WORKFLOWS.leaver, node: 'Suspend and Request Deletion' },
	{ file: 'workflow-leaver.png', workflow: WORKFLOWS.leaver },
];

function nodeId(workflowId: string, nodeName: string): string {
	const workflow = exampleWorkflows().find((e) => e.workflow.id === workflowId)!.workflow;
	return workflow.nodes.find((n: { name: string }) => n.name === nodeName).id;
}

async function login(page: Page, url: string) {
	await page.goto(`${url}/signin`, { waitUntil: 'networkidle0' });
	await page.type('input[type=email], input[name=emailOrLdapLoginId], input[name=email]', DEFAULT_OWNER.email);
	await page.type('input[type=password]', DEFAULT_OWNER.password);
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined), page.keyboard.press('Enter')]);
}

async function main() {
	if (!existsSync(CHROME)) throw new Error(`No Chromium at ${CHROME}: apt-get install chromium, or set CHROME=/path/to/chrome.`);
	mkdirSync(DOCS, { recursive: true });
	const editor = await startEditor(version);
	const browser = await puppeteer.launch({
		executablePath: CHROME,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		defaultViewport: { width: 1440, height: 1000, deviceScaleFactor: 1 },
	});
	try {
		const page = await browser.newPage();
		await login(page, editor.server.url);
		for (const shot of SHOTS) {
			const path = shot.node ? `/workflow/${shot.workflow}/${nodeId(shot.workflow, shot.node)}` : `/workflow/${shot.workflow}`;
			await page.goto(`${editor.server.url}${path}`, { waitUntil: 'networkidle0' });
			await page.waitForSelector(shot.node ? '[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]' : '[data-test-id="canvas-node"]', { timeout: 30_000 });
			if (shot.openOperations) {
				const select = await page.$('[data-test-id="parameter-input-operation"]');
				await select?.click();
			}
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await page.screenshot({ path: join(DOCS, shot.file) });
			console.log(`docs/${shot.file}`);
		}
	} finally {
		await browser.close();
		await editor.close();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
