/**
 * `npm run screenshots`: opens the example workflows in a real n8n editor in headless Chromium
 * (Debian's /usr/bin/chromium, or CHROME=...) and saves PNGs in docs/. Each workflow is executed in the
 * editor first (Execute workflow, against the simulator), then the node is opened on the canvas, so
 * the input and output panels show what really ran: the audit `changes` of Create or Update, the
 * Dry Run plan, the Notify Delete request. Device scale factor 2.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import puppeteer, { type Page } from 'puppeteer-core';

import { DEFAULT_OWNER, startEditor } from './lib/editor';
import type { N8nVersion } from './lib/n8n';
import { DOCUSIGN_CREDENTIAL, ROOT, WORKFLOWS } from './lib/workspace';

const CHROME = process.env.CHROME ?? '/usr/bin/chromium';
const DOCS = join(ROOT, 'docs');
const version = (
	process.argv.includes('--n8n') ? process.argv[process.argv.indexOf('--n8n') + 1] : 'v2'
) as N8nVersion;

interface Shot {
	file: string;
	workflow: string;
	/** The node to open after the run; none: the canvas. */
	node?: string;
	openOperations?: boolean;
	/** Turn on Options > Dry Run in the opened node and run it again (the plan, nothing written). */
	dryRun?: boolean;
	/** Open the DocuSign credential dialog instead of a workflow. */
	credential?: boolean;
}

/** Which example to run, which node to open, and the file it becomes. */
const SHOTS: Shot[] = [
	{
		file: 'node-operations.png',
		workflow: WORKFLOWS.joiner,
		node: 'Create or Update DocuSign User',
		openOperations: true,
	},
	{
		file: 'node-create-or-update.png',
		workflow: WORKFLOWS.joiner,
		node: 'Create or Update DocuSign User',
	},
	{ file: 'node-update-groups.png', workflow: WORKFLOWS.mover, node: 'Move DocuSign User' },
	{
		file: 'node-update-dry-run.png',
		workflow: WORKFLOWS.mover,
		node: 'Move DocuSign User',
		dryRun: true,
	},
	{
		file: 'node-notify-delete.png',
		workflow: WORKFLOWS.leaver,
		node: 'Suspend and Request Deletion',
	},
	{ file: 'workflow-leaver.png', workflow: WORKFLOWS.leaver },
	{ file: 'credential.png', workflow: WORKFLOWS.leaver, credential: true },
];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Execute workflow in the editor and wait until the run is over (the button stops spinning). */
async function executeWorkflow(page: Page) {
	await page.click('[data-test-id="execute-workflow-button"]');
	await pause(500);
	await page.waitForFunction(
		'!document.querySelector(\'[data-test-id="stop-execution-button"], [data-test-id="execute-workflow-button"] .n8n-spinner\')',
		{ timeout: 60_000 },
	);
	await pause(1000);
}

/** Opens a node of the canvas the way a person does (double-click), keeping the run's data. */
async function openNode(page: Page, name: string) {
	const node = await page.waitForSelector(`[data-node-name="${name}"]`, { timeout: 30_000 });
	await node!.click({ count: 2 });
	await page.waitForSelector('[data-test-id="ndv"], .ndv-wrapper', { timeout: 30_000 });
}

async function turnOnDryRun(page: Page) {
	const add = await page.waitForSelector(
		'[data-test-id="parameter-input-options"] button, [data-test-id="fixed-collection-add"], [data-test-id="collection-parameter"] button',
	);
	await add!.click();
	const option = await page.waitForSelector('xpath/.//li[.//span[normalize-space()="Dry Run"]]');
	await option!.click();
	const toggle = await page.waitForSelector(
		'[data-test-id="parameter-input-dryRun"] .el-switch, [data-test-id="parameter-input-dryRun"] input',
	);
	await toggle!.click();
	const run = await page.waitForSelector('[data-test-id="node-execute-button"]');
	await run!.click();
	await pause(3000);
}

async function login(page: Page, url: string) {
	await page.goto(`${url}/signin`, { waitUntil: 'networkidle0' });
	await page.type(
		'input[type=email], input[name=emailOrLdapLoginId], input[name=email]',
		DEFAULT_OWNER.email,
	);
	await page.type('input[type=password]', DEFAULT_OWNER.password);
	await Promise.all([
		page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined),
		page.keyboard.press('Enter'),
	]);
}

async function main() {
	if (!existsSync(CHROME))
		throw new Error(
			`No Chromium at ${CHROME}: apt-get install chromium, or set CHROME=/path/to/chrome.`,
		);
	mkdirSync(DOCS, { recursive: true });
	const editor = await startEditor(version);
	const browser = await puppeteer.launch({
		executablePath: CHROME,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
		defaultViewport: { width: 1440, height: 1000, deviceScaleFactor: 2 },
	});
	try {
		const page = await browser.newPage();
		await login(page, editor.server.url);
		for (const shot of SHOTS) {
			if (shot.credential) {
				await page.goto(`${editor.server.url}/home/credentials/${DOCUSIGN_CREDENTIAL.id}`, {
					waitUntil: 'networkidle0',
				});
				await page.waitForSelector('[data-test-id="credential-edit-dialog"]', { timeout: 30_000 });
			} else {
				await page.goto(`${editor.server.url}/workflow/${shot.workflow}`, {
					waitUntil: 'networkidle0',
				});
				await page.waitForSelector('[data-node-name]', { timeout: 30_000 });
				await executeWorkflow(page);
				if (shot.node) await openNode(page, shot.node);
				if (shot.dryRun) await turnOnDryRun(page);
			}
			if (shot.openOperations) {
				const select = await page.$('[data-test-id="parameter-input-operation"]');
				await select?.click();
			}
			await pause(1500);
			await page.screenshot({ path: join(DOCS, shot.file), captureBeyondViewport: false });
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
