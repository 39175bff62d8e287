// For `n8n-node lint` and plain `npx eslint .`: the very config @n8n/scan-community-package lints
// community packages with (its exported buildScanConfig), on the files the scanner reads from a
// source checkout (package.json, nodes/, credentials/). `npm run lint` (scripts/lint.mjs) runs the
// scanner itself, which additionally ignores inline eslint-disable comments; run
// `npx eslint --no-inline-config .` for the same result here.
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

export default [
	{
		ignores: ['**/*', '!package.json', '!nodes/', '!nodes/**', '!credentials/', '!credentials/**'],
	},
	...(await buildScanConfig()),
];
