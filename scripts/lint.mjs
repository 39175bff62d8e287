// Lints exactly as @n8n/scan-community-package does: its own flat config (the community plugin's
// `recommended`, no-console, and the n8n-nodes-base community / credentials / nodes rule sets),
// with inline eslint-disable comments ignored.
//   node scripts/lint.mjs            the source: package.json + nodes/ + credentials/
//   node scripts/lint.mjs --tarball  `npm pack`, unpack, lint the shipped **/*.js + package.json,
//                                    check the package declares no runtime dependencies, ships only
//                                    SHIPPED, and holds every file the README links to
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

/**
 * What npm may ship: the build, the licence, package.json, and what the README on npm links to (the docs, the
 * README's image, the example workflows, CHANGELOG.md, CONTRIBUTING.md: npm shows only README.md, so the README
 * links to these files through unpkg, which serves the published package). Anything else is a stray file.
 */
const SHIPPED = [
	/^dist\//,
	/^LICENSE$/,
	/^README\.md$/,
	/^package\.json$/,
	/^CHANGELOG\.md$/,
	/^CONTRIBUTING\.md$/,
	/^docs\/[\w-]+\.(md|png)$/,
	/^examples\/[\w-]+\.json$/,
];

function onlyShippedFiles(files) {
	const stray = files.map((f) => f.path).filter((p) => !SHIPPED.some((re) => re.test(p)));
	if (stray.length) {
		console.error(
			`the tarball holds files outside dist/, docs/, examples/ and the top-level documents: ${stray.join(', ')}`,
		);
		return false;
	}
	const tests = files.map((f) => f.path).filter((p) => /(^|\/)test\/|\.test\.js$/.test(p));
	if (tests.length) {
		console.error(`the tarball holds test files: ${tests.join(', ')}`);
		return false;
	}
	if (files.some((f) => f.path === 'dist/package.json')) {
		console.error(
			'the tarball holds dist/package.json (a copy of package.json the build does not need)',
		);
		return false;
	}
	console.log('tarball contents: dist/, docs/, examples/ and the top-level documents only');
	return true;
}

/**
 * npm renders only README.md, without the repository: a relative link or image there is dead. Every link into
 * this package must be https://unpkg.com/<package.json name>/<path> with <path> in the tarball.
 */
function readmeLinksResolve(pkg, files, readme) {
	const shipped = new Set(files.map((f) => f.path));
	const problems = [];
	for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
		if (target.startsWith('#')) continue;
		if (!/^https:\/\//.test(target)) {
			problems.push(`relative link ${target} (dead on npm)`);
			continue;
		}
		const own = target.match(/^https:\/\/unpkg\.com\/([^/]+)\/(.+)$/);
		if (!own) continue;
		if (own[1] !== pkg.name) problems.push(`${target} names ${own[1]}, not ${pkg.name}`);
		else if (!shipped.has(own[2])) problems.push(`${target}: ${own[2]} is not in the tarball`);
	}
	if (problems.length) {
		console.error(`README links that do not resolve on npm:\n  ${problems.join('\n  ')}`);
		return false;
	}
	console.log('README links: every package file it links to is in the tarball');
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
	const readme = fs.readFileSync(path.join(packageDir, 'README.md'), 'utf8');
	const links = readmeLinksResolve(pkg, files, readme);
	return noRuntimeDependencies(pkg) && contents && links && lint;
}

const ok = process.argv.includes('--tarball')
	? await lintTarball()
	: report('source', await analyzePackage(root, SOURCE_FILE_PATTERNS));
process.exit(ok ? 0 : 1);
