/**
 * The server side of the serve benchmark, in its own process so that its resident memory and
 * CPU time (read from /proc by the parent) are the server's alone. Serves the mesh directory
 * given as argv[2] and watches it, as production does; tells the parent over IPC about each
 * load, about rejections and errors, and answers `gc` (run with --expose-gc) and `stop`.
 */
import { startServe } from '../../src/serve/serve.js';
import type { Logger } from '../../src/serve/log.js';

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'loaded'; readonly changed: readonly string[]; readonly compileMs: number; readonly reloadMs: number }
  | { readonly type: 'log'; readonly level: string; readonly msg: string; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly type: 'gc-done' };

export type ParentMessage = { readonly cmd: 'gc' } | { readonly cmd: 'stop' };

const send = (m: ChildMessage): void => void process.send?.(m);

// Silent but for what the benchmark reads: loads, rejected configuration and errors.
const log: Logger = (level, msg, fields = {}) => {
  if (msg === 'snapshot loaded') {
    send({ type: 'loaded', changed: (fields['changed'] as string[] | undefined) ?? [], compileMs: Number(fields['compileMs']), reloadMs: Number(fields['reloadMs']) });
  } else if (level === 'error' || msg === 'configuration rejected') {
    send({ type: 'log', level, msg, fields });
  }
};

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: serve-child.js <mesh dir>');
const handle = await startServe({ input: [dir], listen: '127.0.0.1:0', watch: true, log });
send({ type: 'ready', port: handle.xdsPort });

process.on('message', (m: ParentMessage) => {
  if (m.cmd === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    send({ type: 'gc-done' });
  } else if (m.cmd === 'stop') {
    void handle.stop().then(() => process.exit(0));
  }
});
