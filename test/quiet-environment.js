/**
 * Jest's node environment with the console held back: what a test (and n8n-core's logger inside it) prints is shown
 * only when that test or one of its hooks fails. n8n-core logs through winston, which writes to `console._stdout`
 * directly when it exists, so the console's streams are held back too. N8N_TEST_LOGS=1 shows everything at once.
 */
const { TestEnvironment } = require('jest-environment-node');

const METHODS = ['log', 'info', 'warn', 'error', 'debug'];
const STREAMS = ['_stdout', '_stderr'];

class QuietEnvironment extends TestEnvironment {
	held = [];
	original = undefined;

	async setup() {
		await super.setup();
		if (process.env.N8N_TEST_LOGS) return;
		const console = this.global.console;
		this.original = {};
		for (const method of METHODS) {
			this.original[method] = console[method].bind(console);
			console[method] = (...args) => this.held.push([method, args]);
		}
		this.streams = {};
		this.fakes = {};
		for (const stream of STREAMS) {
			const target = console[stream];
			if (!target) continue;
			this.streams[stream] = target;
			this.original[stream] = (chunk) => target.write(chunk);
			this.fakes[stream] = { write: (chunk) => this.held.push([stream, [chunk]]) > 0 };
		}
		this.holdStreams(true);
	}

	/** The console's own methods write to these streams too: the real ones are back while flushing. */
	holdStreams(hold) {
		const console = this.global.console;
		for (const stream of Object.keys(this.streams))
			console[stream] = hold ? this.fakes[stream] : this.streams[stream];
	}

	flush() {
		this.holdStreams(false);
		for (const [channel, args] of this.held) this.original[channel](...args);
		this.held = [];
		this.holdStreams(true);
	}

	handleTestEvent(event) {
		if (!this.original) return;
		if (event.name === 'hook_failure') this.flush();
		if (event.name === 'test_done') {
			if (event.test.errors.length) this.flush();
			else this.held = [];
		}
	}
}

module.exports = QuietEnvironment;
