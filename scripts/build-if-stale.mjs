// `npm run build` unless dist/ is newer than every file it is built from (bench:calls runs the built node;
// a rebuild costs about 12 s of a check that should stay under a minute).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'gulpfile.js'];
const BUILT = path.join(root, 'dist', 'nodes', 'DocuSign', 'DocuSign.node.js');

function newest(file) {
	const stat = fs.statSync(file);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(file).map((name) => newest(path.join(file, name))));
}

const built = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
const changed = Math.max(
	...SOURCES.map((s) => path.join(root, s))
		.filter(fs.existsSync)
		.map(newest),
);
if (changed < built) {
	console.log(`dist/ is newer than ${SOURCES.join(', ')}: no rebuild`);
} else {
	const run = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	process.exit(run.status ?? 1);
}
