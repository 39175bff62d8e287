/**
 * Jest's node environment with the console held back: what a test (and n8n-core's logger inside it) prints is shown
 * only when that test or one of its hooks fails. N8N_TEST_LOGS=1 shows everything as it happens.
 */
const { TestEnvironment } = require('jest-environment-node');

const METHODS = ['log', 'info', 'warn', 'error', 'debug'];

class QuietEnvironment extends TestEnvironment {
	held = [];

	async setup() {
		await super.setup();
		if (process.env.N8N_TEST_LOGS) return;
		const console = this.global.console;
		this.original = Object.fromEntries(METHODS.map((m) => [m, console[m].bind(console)]));
		for (const method of METHODS) console[method] = (...args) => this.held.push([method, args]);
	}

	flush() {
		for (const [method, args] of this.held) this.original[method](...args);
		this.held = [];
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
