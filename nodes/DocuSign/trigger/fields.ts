/**
 * The user attributes User Updated watches. Personal ones (names, e-mail, job title) are kept in the
 * state only as the Personal Data in State option says; the rest (company) is shared by many users and
 * kept as a value.
 */
export const TEXT_FIELDS = [
	'userName',
	'firstName',
	'lastName',
	'email',
	'jobTitle',
	'company',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const PERSONAL_FIELDS = [
	'userName',
	'firstName',
	'lastName',
	'email',
	'jobTitle',
] as const satisfies readonly TextField[];
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
