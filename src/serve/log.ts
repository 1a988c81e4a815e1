/** Structured logs: one JSON object per line on stderr (or wherever the caller sends them). */
export type LogLevel = 'info' | 'warn' | 'error';

export type Logger = (level: LogLevel, msg: string, fields?: Readonly<Record<string, unknown>>) => void;

export function jsonLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  return (level, msg, fields = {}) => write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

export const silentLogger: Logger = () => undefined;
