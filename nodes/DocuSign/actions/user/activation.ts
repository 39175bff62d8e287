import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ValuesOf } from '../../parameters/spec';
import { entryFor, onlyWhen } from '../../parameters/spec';

import { PARAMETERS } from '../parameters';
import { FIELD_ROWS } from '../../users/fields';
import type { Results } from '../../users/results';
import { parameterError } from '../../users/results';
import type { PlannedCreate } from '../../users/writes/types';

/** Options of Create and Create or Update: how a new user becomes active. */
export const activationOptions: INodeProperties[] = [
	entryFor(PARAMETERS.activation, {
		type: 'options',
		options: [
			{
				name: 'Send Activation Email',
				value: 'email',
				description:
					'DocuSign emails each new user an activation link; the user is pending until they accept it',
			},
			{
				name: 'Activate Immediately',
				value: 'immediate',
				description:
					"Create new users already active through DocuSign's Admin API (no activation email). Needs Organization Admin Access in the credential and an email domain the organization has claimed.",
			},
		],
		description: 'How a new user becomes active. Read for each item.',
	}),
	entryFor(PARAMETERS.fallbackToEmail, {
		type: 'boolean',
		displayOptions: { show: { activation: ['immediate'] } },
		description:
			'Whether a user whose email domain the organization has not claimed is created with an activation email instead of failing the item (output activation: "email"). Read for each item.',
	}),
];

/** What Create and Create or Update read of each item's activation: Fall Back only for Activate Immediately. */
export const ACTIVATION_READS = {
	activation: PARAMETERS.activation,
	fallbackToEmail: onlyWhen(PARAMETERS.fallbackToEmail, (read) => read.activation === 'immediate'),
};

export type ActivationValues = ValuesOf<typeof ACTIVATION_READS>;

/** Each planned create with its item's Activation options (`optionsOf` gives the item's record). */
export function withActivation(
	n8n: IExecuteFunctions,
	results: Results,
	creates: PlannedCreate[],
	optionsOf: (itemIndex: number) => ActivationValues,
): PlannedCreate[] {
	const planned: PlannedCreate[] = [];
	for (const entry of creates) {
		try {
			const options = optionsOf(entry.itemIndex);
			if (options.activation !== 'immediate') {
				planned.push(entry);
				continue;
			}
			const notInAdminApi = FIELD_ROWS.find((f) => !f.admin && entry.input[f.key]);
			if (notInAdminApi) {
				throw parameterError(
					n8n,
					entry.itemIndex,
					`Additional Fields > ${notInAdminApi.label}`,
					'cannot be set when the user is activated immediately',
					`DocuSign's Admin API, which creates active users, has no ${notInAdminApi.label}. Leave it empty and set it with Update once the user exists, or choose Activation "Send Activation Email".`,
				);
			}
			planned.push({
				...entry,
				activation: 'immediate',
				fallbackToEmail: options.fallbackToEmail ?? false,
			});
		} catch (error) {
			results.fail(entry.itemIndex, error);
		}
	}
	return planned;
}
