import {
	chunk,
	IN_FLIGHT,
	InFlightGate,
	MAX_IN_FLIGHT,
	windowsOf,
} from '../../nodes/DocuSign/transport/pacing';

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

describe('InFlightGate', () => {
	it('no window of requests, however nested, has more than MAX_IN_FLIGHT in flight; they start in order', async () => {
		const gate = new InFlightGate();
		let active = 0;
		let peak = 0;
		const started: number[] = [];
		const send = async (n: number) => {
			await gate.acquire();
			try {
				started.push(n);
				peak = Math.max(peak, ++active);
				await new Promise((resolve) => setImmediate(resolve));
				active--;
				return n;
			} finally {
				gate.release();
			}
		};
		// A window of four listings, each sending four pages at once: 16 requests.
		const nested = windowsOf('lookups', [0, 1, 2, 3]).map(async (window) =>
			Promise.all(window.map(async (w) => Promise.all([0, 1, 2, 3].map((p) => send(w * 4 + p))))),
		);
		expect((await Promise.all(nested)).flat(2)).toEqual(Array.from({ length: 16 }, (_, i) => i));
		expect(peak).toBe(MAX_IN_FLIGHT);
		expect(started).toEqual(Array.from({ length: 16 }, (_, i) => i));
	});

	it('a released slot goes to the request that waited longest', async () => {
		const gate = new InFlightGate(1);
		await gate.acquire();
		const order: string[] = [];
		const second = gate.acquire().then(() => order.push('second'));
		const third = gate.acquire().then(() => order.push('third'));
		gate.release();
		await second;
		expect(order).toEqual(['second']);
		gate.release();
		await third;
		expect(order).toEqual(['second', 'third']);
	});
});
