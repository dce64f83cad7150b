import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './collector';
import { N8N_DIR } from './pack';

/**
 * PostgreSQL and Redis from Debian's packages (scripts/install-system.mjs), each a throw-away server of the
 * test's own on loopback: n8n's queue mode keeps its state in them.
 */

function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const major = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))[0]
		: undefined;
	if (!major) throw new Error('PostgreSQL is not installed: run node scripts/install-system.mjs postgresql');
	return path.join(root, major, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as Debian's postgres user. */
const asServerUser = (command: string, args: string[]): [string, string[]] =>
	process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

interface PgClient {
	connect(): Promise<void>;
	query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
}

export class Postgres {
	readonly user = 'smskit';
	readonly database = 'n8n';
	private readonly bin = postgresBin();
	private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smskit-pg-'));
	private readonly data = path.join(this.dir, 'data');
	port = 0;

	private run(command: string, args: string[]): string {
		const [file, argv] = asServerUser(path.join(this.bin, command), args);
		return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	}

	/** A new cluster (trust authentication, loopback only, no fsync: it is thrown away) and n8n's database. */
	async start(): Promise<void> {
		if (process.getuid?.() === 0) execFileSync('chown', ['postgres', this.dir]);
		this.run('initdb', ['-D', this.data, '-U', this.user, '--auth=trust', '-E', 'UTF8', '--no-sync']);
		this.port = await freePort();
		await this.resume();
		await this.query(`CREATE DATABASE ${this.database}`, [], 'postgres');
	}

	/** Starts the server on the cluster already made (a restart keeps every row). */
	async resume(): Promise<void> {
		const options = `-p ${this.port} -h 127.0.0.1 -k ${this.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
		this.run('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'server.log'), '-o', options, '-w', 'start']);
	}

	async stop(): Promise<void> {
		if (fs.existsSync(path.join(this.data, 'postmaster.pid'))) this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
	}

	async remove(): Promise<void> {
		await this.stop().catch(() => undefined);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	/** One query on a fresh connection, with the `pg` client n8n itself ships. */
	async query(sql: string, params: unknown[] = [], database = this.database): Promise<Array<Record<string, unknown>>> {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Client } = require(path.join(N8N_DIR, 'node_modules/pg')) as { Client: new (config: object) => PgClient };
		const client = new Client({ host: '127.0.0.1', port: this.port, user: this.user, database });
		await client.connect();
		try {
			return (await client.query(sql, params)).rows;
		} finally {
			await client.end();
		}
	}

	/** What n8n's database environment variables must say to use this server. */
	get env(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}
}

export class Redis {
	port = 0;
	private server?: ChildProcess;

	async start(): Promise<void> {
		if (!fs.existsSync('/usr/bin/redis-server'))
			throw new Error('Redis is not installed: run node scripts/install-system.mjs redis-server');
		this.port ||= await freePort();
		// Nothing is written to disk: what a restart keeps is n8n's (PostgreSQL), not the queue's.
		const server = spawn(
			'/usr/bin/redis-server',
			['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		this.server = server;
		let log = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 20_000);
			server.stdout!.on('data', (d) => {
				log += d;
				if (/Ready to accept connections/.test(log)) {
					clearTimeout(timer);
					resolve();
				}
			});
			server.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`redis-server exited (${String(code)}):\n${log}`));
			});
		});
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}

	get env(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}
}
