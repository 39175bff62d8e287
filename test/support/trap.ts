/** A host that is not DocuSign: where a redirect, a base_uri or a nextUri from a server must never lead the node. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TrapRequest {
	method: string;
	url: string;
	authorization?: string;
}

/**
 * A plain HTTP server that records every request it is sent and answers 200 with `answer(url)`, a body
 * shaped like DocuSign's, so that following it would seem to "work".
 */
export class Trap {
	readonly requests: TrapRequest[] = [];
	url = '';
	private server = http.createServer((req, res) => {
		this.requests.push({
			method: req.method ?? '',
			url: req.url ?? '',
			authorization: req.headers.authorization,
		});
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(this.answer(this.url)));
	});

	constructor(private readonly answer: (url: string) => object) {}

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
