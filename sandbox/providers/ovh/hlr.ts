/** `sms.Hlr` (§8.5): the operator information OVH gives for a sent SMS's receiver. */
export interface Hlr {
	readonly country: string;
	readonly countryCode: string;
	readonly network: string;
	readonly operator: string;
	readonly region: string;
}

/**
 * One made-up but plausible answer per dial prefix, so tests can rely on it: the sandbox has no
 * real HLR, and the same receiver always gets the same answer.
 */
const BY_PREFIX: readonly (readonly [prefix: string, country: string, network: string, operator: string])[] = [
	['33', 'France', 'Orange France', 'Orange'],
	['44', 'United Kingdom', 'EE', 'EE Limited'],
	['353', 'Ireland', 'Vodafone Ireland', 'Vodafone'],
	['34', 'Spain', 'Movistar', 'Telefonica'],
	['39', 'Italy', 'TIM', 'Telecom Italia'],
	['48', 'Poland', 'Play', 'P4'],
	['32', 'Belgium', 'Proximus', 'Proximus'],
	['352', 'Luxembourg', 'POST Luxembourg', 'POST'],
	['41', 'Switzerland', 'Swisscom', 'Swisscom'],
	['49', 'Germany', 'Telekom.de', 'Deutsche Telekom'],
	['351', 'Portugal', 'MEO', 'MEO'],
	['1', 'United States', 'AT&T', 'AT&T Mobility'],
	['86', 'China', 'China Mobile', 'China Mobile'],
];

export function hlrFor(receiver: string): Hlr {
	const digits = receiver.replace(/^\+/, '');
	const match = [...BY_PREFIX].sort((a, b) => b[0].length - a[0].length).find(([prefix]) => digits.startsWith(prefix));
	if (!match) return { country: 'Unknown', countryCode: '', network: '', operator: '', region: '' };
	const [countryCode, country, network, operator] = match;
	return { country, countryCode, network, operator, region: '' };
}
