import { chunk, mapInWindows } from '../../nodes/DocuSign/transport/concurrency';

describe('chunk', () => {
	it('splits into batches of the given size, the last one shorter', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 3)).toEqual([]);
	});
});

describe('mapInWindows', () => {
	it('keeps list order and never has more than `size` calls in flight', async () => {
		let open = 0;
		let peak = 0;
		const results = await mapInWindows([5, 1, 4, 2, 3, 6, 7], 3, async (n) => {
			peak = Math.max(peak, ++open);
			await new Promise((resolve) => setTimeout(resolve, n));
			open--;
			return n * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30, 60, 70]);
		expect(peak).toBe(3);
	});
});
