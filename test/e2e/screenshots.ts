/**
 * `npm run screenshots`: opens the example workflows in a real n8n editor in headless Chromium
 * (Debian's /usr/bin/chromium, or CHROME=...) and saves PNGs in docs/. Each workflow is executed in the
 * editor first (Execute workflow, against the simulator), then the node is opened on the canvas, so
 * the input and output panels show what really ran: the audit `changes` of Create or Update, the
 * profile and groups mapped by name with no warning, the Dry Run plan, the Request Deletion request.
 * Device scale factor 2.
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
	/** Show the output as JSON, scrolled to this key (the part the caption is about). */
	outputKey?: string;
	/** Scroll the parameters to this field; the run fails if the node view shows any parameter warning. */
	mappedField?: string;
}

/** Which example to run, which node to open, and the file it becomes. */
const SHOTS: Shot[] = [
	// Order matters: a second run of an example changes nothing (changed: false), so each write is
	// shot on its first run, and the Dry Run before the mover really runs.
	{
		file: 'node-create-or-update.png',
		workflow: WORKFLOWS.joiner,
		node: 'Create or Update DocuSign User',
		outputKey: 'changes',
	},
	{
		// A profile and groups mapped by name from the HR record: no "not supported" warning.
		file: 'node-mapped-names.png',
		workflow: WORKFLOWS.joiner,
		node: 'Create or Update DocuSign User',
		mappedField: 'permissionProfile',
	},
	{
		file: 'node-operations.png',
		workflow: WORKFLOWS.joiner,
		node: 'Create or Update DocuSign User',
		openOperations: true,
	},
	{
		file: 'node-update-dry-run.png',
		workflow: WORKFLOWS.mover,
		node: 'Move DocuSign User',
		dryRun: true,
		outputKey: 'changes',
	},
	{
		file: 'node-update-groups.png',
		workflow: WORKFLOWS.mover,
		node: 'Move DocuSign User',
		outputKey: 'changes',
	},
	{
		file: 'node-request-deletion.png',
		workflow: WORKFLOWS.leaver,
		node: 'Close and Request Deletion',
		outputKey: 'recipients',
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

/** Options > Add Option > Dry Run, switch it on, Execute step. */
async function turnOnDryRun(page: Page) {
	const add = await page.waitForSelector('xpath/.//button[normalize-space()="Add Option"]', {
		timeout: 30_000,
	});
	await add!.click();
	await pause(800);
	// Dry Run is the only option of Update, so Add Option adds it at once; otherwise pick it.
	if (!(await page.$('[data-test-id="parameter-input-dryRun"]'))) {
		const option = await page.waitForSelector('xpath/.//li[.//span[normalize-space()="Dry Run"]]', {
			visible: true,
		});
		await option!.click();
	}
	const toggle = await page.waitForSelector(
		'[data-test-id="parameter-input-dryRun"] .el-switch, [data-test-id="parameter-input-dryRun"] input',
		{ visible: true },
	);
	await toggle!.click();
	await pause(500);
	const run = await page.waitForSelector('[data-test-id="node-execute-button"]');
	await run!.click();
	await pause(4000);
}

/** The output panel's JSON tab (the second JSON tab: input comes first), scrolled to `key`. */
async function showOutputJson(page: Page, key: string) {
	const tabs = await page.$$(
		'xpath/.//*[@data-test-id="ndv"]//label[normalize-space()="JSON"] | .//*[@data-test-id="ndv"]//button[normalize-space()="JSON"]',
	);
	if (tabs.length === 0) throw new Error('No JSON tab in the node view');
	await tabs[tabs.length - 1].click();
	await pause(1000);
	// A string, not a function: tsx would wrap inner functions in a `__name` helper the page lacks.
	// One line per element; the first `key` whose value is not empty (`"changes": {` then `}`), and
	// a few lines of the item above it, so the user it belongs to is in the picture.
	const found = await page.evaluate(`(() => {
		const trees = document.querySelectorAll('[data-test-id="ndv"] .vjs-tree');
		const lines = [...(trees[trees.length - 1]?.querySelectorAll('.vjs-tree-node') ?? [])];
		const text = (i) => (lines[i]?.textContent ?? '').trim();
		const at = lines.findIndex((_, i) => text(i).startsWith('"${key}"') && !/^[}\\]]/.test(text(i + 1)) && !/(\\{\\}|\\[\\])/.test(text(i)));
		lines[Math.max(0, at - 8)]?.scrollIntoView({ block: 'start' });
		return at >= 0;
	})()`);
	if (!found) throw new Error(`No "${key}" in the output JSON`);
	await pause(500);
}

/**
 * Scrolls the node's parameters to `field` and fails if the node view flags any parameter (n8n's warning
 * triangle, e.g. "The value … is not supported"): a name mapped into a profile or group field must pass.
 */
async function showMappedField(page: Page, field: string) {
	const input = await page.waitForSelector(`[data-test-id="parameter-input-${field}"]`, {
		timeout: 30_000,
	});
	await input!.scrollIntoView();
	await pause(1500);
	const warnings = await page.$$('[data-test-id="ndv"] [data-test-id="parameter-issues"]');
	if (warnings.length)
		throw new Error(
			`The node view shows ${warnings.length} parameter warning(s) next to mapped names`,
		);
}

/** The node view's dialog, so the canvas sidebar behind the overlay stays out of the picture. */
async function ndvClip(page: Page) {
	const dialog = await page.$('dialog[data-test-id="ndv"]');
	return (await dialog?.boundingBox()) ?? undefined;
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
		// A loaded machine (other jobs, n8n's own start) makes the editor slow: generous waits, never a fixed sleep.
		page.setDefaultTimeout(120_000);
		page.setDefaultNavigationTimeout(180_000);
		await login(page, editor.server.url);
		for (const shot of SHOTS) {
			if (shot.credential) {
				await page.goto(`${editor.server.url}/home/credentials/${DOCUSIGN_CREDENTIAL.id}`, {
					waitUntil: 'networkidle0',
					timeout: 180_000,
				});
				await page.waitForSelector('[data-test-id="credential-edit-dialog"]', { timeout: 30_000 });
			} else {
				await page.goto(`${editor.server.url}/workflow/${shot.workflow}`, {
					waitUntil: 'networkidle0',
					timeout: 180_000,
				});
				await page.waitForSelector('[data-node-name]', { timeout: 120_000 });
				// The Dry Run runs from the node itself (Execute step runs its parents too).
				if (!shot.dryRun) await executeWorkflow(page);
				if (shot.node) await openNode(page, shot.node);
				if (shot.dryRun) await turnOnDryRun(page);
				if (shot.outputKey) await showOutputJson(page, shot.outputKey);
				if (shot.mappedField) await showMappedField(page, shot.mappedField);
			}
			if (shot.openOperations) {
				const select = await page.$('[data-test-id="parameter-input-operation"]');
				await select?.click();
			}
			await pause(1500);
			// The "Workflow executed successfully" toast would cover the canvas corner.
			await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
			const clip = shot.node ? await ndvClip(page) : undefined;
			await page.screenshot({
				path: join(DOCS, shot.file),
				captureBeyondViewport: false,
				...(clip ? { clip } : {}),
			});
			console.log(`docs/${shot.file}`);
			// n8n 2.x autosaves the workflow: switch Dry Run off again, or the next run would plan only.
			if (shot.dryRun) {
				await page.click(
					'[data-test-id="parameter-input-dryRun"] .el-switch, [data-test-id="parameter-input-dryRun"] input',
				);
				await pause(3000);
			}
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
