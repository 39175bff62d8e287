/**
 * The user attributes User Updated watches, from the fields table (users/fields.ts): each row with
 * `watched`. Personal ones (names, e-mail, job title) are kept in the state only as the Personal Data in
 * State option says; the others (company) are shared by many users and kept as values.
 */
import type { PersonalKey, WatchedKey } from '../users/fields';
import { fieldOf, WATCHED_FIELDS } from '../users/fields';

export type TextField = WatchedKey;
export type PersonalField = PersonalKey;

export const TEXT_FIELDS: readonly TextField[] = WATCHED_FIELDS.map((f) => f.key);
export const PERSONAL_FIELDS = WATCHED_FIELDS.filter((f) => f.watched.personal).map(
	(f) => f.key,
) as readonly PersonalField[];

/** As a sentence says it: "job title", "email". */
export const labelOf = (field: TextField): string => fieldOf(field).label.toLowerCase();
