/**
 * Peak RSS of this process: sampled every 20 ms (process.memoryUsage.rss(), the same figure as
 * memoryUsage().rss without the heap statistics), plus the kernel's high-water mark (maxRSS).
 */
export interface MemoryFigures {
	/** RSS just before the measured run. */
	baselineRss: number;
	/** Highest process.memoryUsage.rss() seen by the 20 ms sampler during the run. */
	sampledPeakRss: number;
	/** process.resourceUsage().maxRSS at the end of the run (bytes; whole life of this process). */
	maxRss: number;
}

export function startRssSampler(intervalMs = 20): () => MemoryFigures {
	const baselineRss = process.memoryUsage.rss();
	let peak = baselineRss;
	const timer = setInterval(() => {
		const rss = process.memoryUsage.rss();
		if (rss > peak) peak = rss;
	}, intervalMs);
	return () => {
		clearInterval(timer);
		peak = Math.max(peak, process.memoryUsage.rss());
		return { baselineRss, sampledPeakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024 };
	};
}
