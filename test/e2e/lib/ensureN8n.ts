/** Finds the cached n8n install, or installs it with visible progress (first run only). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { CACHE_DIR, n8nInstall, type N8nInstall, type N8nVersion } from './n8n';

export function ensureN8n(version: N8nVersion): N8nInstall {
	try {
		return n8nInstall(version);
	} catch {
		console.log(
			`First run: installing real n8n ${version === 'v1' ? '1.x (Node 20)' : '2.x (Node 24)'} into ${join(CACHE_DIR, version)}.\n` +
				'This downloads about 2 GB and compiles sqlite3: a few minutes, once per machine.\n',
		);
		const script = join(__dirname, '..', 'install-n8n.sh');
		const result = spawnSync('bash', [script, version], { stdio: 'inherit' });
		if (result.status !== 0)
			throw new Error(
				`Installing n8n ${version} failed (exit ${result.status}); see the output above.`,
			);
		return n8nInstall(version);
	}
}
