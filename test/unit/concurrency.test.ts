import { chunk, IN_FLIGHT, windowsOf } from '../../nodes/DocuSign/transport/concurrency';

describe('chunk', () => {
	it('splits into batches of the given size, the last one shorter', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 3)).toEqual([]);
	});
});

describe('windowsOf', () => {
	it('cuts the list, in order, into windows of at most IN_FLIGHT[kind] entries', () => {
		const list = Array.from({ length: 2 * IN_FLIGHT.lookups + 1 }, (_, i) => i);
		const windows = windowsOf('lookups', list);
		expect(windows.map((w) => w.length)).toEqual([IN_FLIGHT.lookups, IN_FLIGHT.lookups, 1]);
		expect(windows.flat()).toEqual(list);
		expect(windowsOf('triggerGroups', [1, 2, 3])).toEqual([[1, 2], [3]]);
		expect(windowsOf('reopens', [])).toEqual([]);
	});
});
