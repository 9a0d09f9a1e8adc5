import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
const env = { ...process.env, HOST: '127.0.0.1', PORT: '0', DB_PATH: `/tmp/tp-${Date.now()}.db`, LOG_LEVEL: process.env.LL ?? 'info' };
const child = spawn(process.execPath, ['--import', 'tsx', ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'functions/start-local.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((r) => { let s = ''; child.stderr.on('data', (c) => { s += c; const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(s); if (m) r(m[1]); }); });
const bodies = [{ type: 'email', recipient: 'user@example.com', content: 'Hello' }, { type: 'sms', recipient: '+14155550123', content: 'x' }, { type: 'whatsapp', recipient: '+447911123456', content: 'y' }];
const res = await autocannon({ url, connections: 64, duration: 5, requests: bodies.map((b) => ({ method: 'POST', path: '/sendMessage', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })) });
console.log('rps', res.requests.average, 'p50', res.latency.p50, 'p99', res.latency.p99, 'non2xx', res.non2xx);
child.kill('SIGINT'); await new Promise(r => child.once('exit', r));
