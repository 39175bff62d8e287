// Prettier over the repository's own files, as git knows them:
//   node scripts/format.mjs --check   the tracked files (what a commit holds; a scratch file never fails lint)
//   node scripts/format.mjs --write   the tracked files and new files git does not ignore
// Outside a git checkout both fall back to the whole tree. .prettierignore applies either way.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.includes('--write');

function gitFiles() {
	const args = ['ls-files', '-z', ...(write ? ['--cached', '--others', '--exclude-standard'] : [])];
	try {
		const out = execFileSync('git', args, {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		// A file deleted but not yet committed is still listed: skip it.
		return out.split('\0').filter((f) => f && fs.existsSync(path.join(root, f)));
	} catch {
		return ['.'];
	}
}

const prettier = path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
const result = spawnSync(
	process.execPath,
	[prettier, write ? '--write' : '--check', '--ignore-unknown', ...gitFiles()],
	{ cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
