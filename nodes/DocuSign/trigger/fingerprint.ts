/**
 * Compact forms for the trigger's state: a user ID in 22 characters, and an 18-bit fingerprint of a
 * personal value, so a change can be noticed without keeping the value itself.
 */
import { createHash } from 'node:crypto';

const GUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** A GUID as 22 base64url characters; undefined for an ID that is not a GUID. */
export function packGuid(id: string): string | undefined {
	const match = GUID.exec(id);
	return match ? Buffer.from(match.slice(1).join(''), 'hex').toString('base64url') : undefined;
}

export function unpackGuid(packed: string): string {
	const hex = Buffer.from(packed, 'base64url').toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Characters a fingerprint is made of (base64url: never a space, the state's record separator). */
export const PRINT_LENGTH = 3;

/**
 * 18 bits of SHA-256 over the user, the field and the value: a changed value goes unnoticed with a chance
 * of 1 in 262,144, and the fingerprint tells nothing useful about the value (about 2^18 values share one).
 */
export function fingerprintOf(userId: string, field: string, value: string): string {
	return createHash('sha256')
		.update(`${userId.toLowerCase()}\u0000${field}\u0000${value}`)
		.digest('base64url')
		.slice(0, PRINT_LENGTH);
}

/** A user name that is just "first last" is stored as this mark instead of its own fingerprint or value. */
export const DERIVED_USER_NAME = '=';
export const derivedUserName = (first: string, last: string): string => `${first} ${last}`.trim();

/** An empty personal value is stored as this mark instead of a fingerprint (middle names are mostly empty). */
export const EMPTY_VALUE = '.';

/** Whether a value is the one a stored fingerprint (or the empty mark) stands for. */
export function matchesPrint(print: string, userId: string, field: string, value: string): boolean {
	return print === EMPTY_VALUE ? value === '' : print === fingerprintOf(userId, field, value);
}
