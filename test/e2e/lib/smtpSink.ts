/**
 * Minimal SMTP server on 127.0.0.1 that accepts every message and keeps it (no TLS, no auth):
 * enough for n8n's Send Email node (nodemailer) in the e2e tests. Node built-ins only.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface SmtpMessage {
	from: string;
	to: string[];
	/** raw DATA (headers + body), dot-unstuffed */
	data: string;
	headers: Record<string, string>;
}

export interface SmtpSink {
	port: number;
	messages: SmtpMessage[];
	close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const messages: SmtpMessage[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		let buffer = '';
		let inData = false;
		let mail: { from: string; to: string[]; lines: string[] } = { from: '', to: [], lines: [] };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 localhost e2e SMTP sink');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let i: number;
			while ((i = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, i);
				buffer = buffer.slice(i + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						const data = mail.lines.join('\r\n');
						messages.push({ from: mail.from, to: mail.to, data, headers: parseHeaders(data) });
						mail = { from: '', to: [], lines: [] };
						reply('250 OK: queued');
					} else mail.lines.push(line.startsWith('..') ? line.slice(1) : line);
					continue;
				}
				const cmd = line.slice(0, 4).toUpperCase();
				if (cmd === 'EHLO') reply('250-localhost\r\n250 8BITMIME');
				else if (cmd === 'HELO') reply('250 localhost');
				else if (cmd === 'MAIL') {
					mail.from = addr(line);
					reply('250 OK');
				} else if (cmd === 'RCPT') {
					mail.to.push(addr(line));
					reply('250 OK');
				} else if (cmd === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (cmd === 'RSET') {
					mail = { from: '', to: [], lines: [] };
					reply('250 OK');
				} else if (cmd === 'NOOP') reply('250 OK');
				else if (cmd === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else reply('502 Command not implemented');
			}
		});
	});
	await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
	return {
		port: (server.address() as { port: number }).port,
		messages,
		close: () =>
			new Promise<void>((res) => {
				for (const s of sockets) s.destroy();
				server.close(() => res());
			}),
	};
}

function addr(line: string): string {
	const m = /<([^>]*)>/.exec(line);
	return m ? m[1] : line.split(':').slice(1).join(':').trim();
}

function parseHeaders(data: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const head = data.split(/\r\n\r\n/)[0].replace(/\r\n[ \t]+/g, ' ');
	for (const line of head.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
	}
	return headers;
}
