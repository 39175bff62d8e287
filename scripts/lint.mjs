// Lints exactly as @n8n/scan-community-package does: its own flat config (the community plugin's
// `recommended`, no-console, and the n8n-nodes-base community / credentials / nodes rule sets),
// with inline eslint-disable comments ignored.
//   node scripts/lint.mjs            the source: package.json + nodes/ + credentials/
//   node scripts/lint.mjs --tarball  `npm pack`, unpack, lint the shipped **/*.js + package.json,
//                                    check the package declares no runtime dependencies and ships
//                                    only dist/, LICENSE, README.md and package.json
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyzePackage, SOURCE_FILE_PATTERNS } =
	await import('@n8n/scan-community-package/scanner/scanner.mjs');

function report(label, result) {
	if (result.passed) {
		console.log(`lint ${label}: 0 findings`);
		return true;
	}
	console.error(`lint ${label}: ${result.message}`);
	if (result.details) console.error(result.details);
	return false;
}

/** What npm may ship: the build, the licence, the README and package.json; anything else is a stray file. */
const SHIPPED = [/^dist\//, /^LICENSE$/, /^README\.md$/, /^package\.json$/];

function onlyShippedFiles(files) {
	const stray = files.map((f) => f.path).filter((p) => !SHIPPED.some((re) => re.test(p)));
	if (stray.length) {
		console.error(
			`the tarball holds files outside dist/, LICENSE, README.md, package.json: ${stray.join(', ')}`,
		);
		return false;
	}
	const tests = files.map((f) => f.path).filter((p) => /(^|\/)test\/|\.test\.js$/.test(p));
	if (tests.length) {
		console.error(`the tarball holds test files: ${tests.join(', ')}`);
		return false;
	}
	console.log('tarball contents: dist/, LICENSE, README.md, package.json only');
	return true;
}

function noRuntimeDependencies(pkg) {
	const deps = Object.keys(pkg.dependencies ?? {});
	if (deps.length) {
		console.error(`package.json declares runtime dependencies: ${deps.join(', ')}`);
		return false;
	}
	console.log('runtime dependencies: none (peer n8n-workflow only)');
	return true;
}

async function lintTarball() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'docusign-pack-'));
	const out = execFileSync('npm', ['pack', '--pack-destination', work, '--json'], {
		cwd: root,
		encoding: 'utf8',
	});
	const [{ filename, files }] = JSON.parse(out);
	execFileSync('tar', ['xzf', path.join(work, filename), '-C', work]);
	const packageDir = path.join(work, 'package');
	console.log(`packed ${filename}: ${files.length} files`);
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const lint = report('tarball', await analyzePackage(packageDir, ['**/*.js', 'package.json']));
	const contents = onlyShippedFiles(files);
	return noRuntimeDependencies(pkg) && contents && lint;
}

const ok = process.argv.includes('--tarball')
	? await lintTarball()
	: report('source', await analyzePackage(root, SOURCE_FILE_PATTERNS));
process.exit(ok ? 0 : 1);
