/** Deterministic identifiers and DocuSign date formatting. */
import { createHash } from 'node:crypto';

/** A GUID derived from a label, so the seed yields the same IDs on every run. */
export function seededGuid(label: string): string {
	const hex = createHash('sha256').update(`docusign-sim:${label}`).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
	return GUID_PATTERN.test(value);
}

/** DocuSign's timestamp style: 7 fractional digits, e.g. 2024-03-01T09:15:00.0000000Z. */
export function dsDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** The placeholder date DocuSign puts on entries that were not created (e.g. a duplicate in POST /users). */
export const DS_NULL_DATE = '0001-01-01T08:00:00.0000000Z';
