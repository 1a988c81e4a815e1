/** Option parsers shared by commands; a bad value is a usage error (exit 2). */
import { Option, InvalidArgumentError, type Command } from 'commander';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from '../diagnostics/render.js';

export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
  };
}

/** A comma-separated list of allowed values, each once, in the order given. */
export function choiceList<T extends string>(allowed: readonly T[]): (value: string) => T[] {
  const one = choice(allowed);
  return (value) => [...new Set(value.split(',').map((v) => one(v.trim())))];
}

/**
 * The one diagnostics flag, the same on every command. validate and check-envoy once called it
 * `-f, --format`; that spelling still works there, hidden from the help.
 */
export function withDiagnosticsOption(command: Command, formerlyFormat = false): Command {
  command.option('--diagnostics <format>', `diagnostics: ${DIAGNOSTIC_FORMATS.join(' | ')}`, choice(DIAGNOSTIC_FORMATS));
  if (formerlyFormat) command.addOption(new Option('-f, --format <format>').argParser(choice(DIAGNOSTIC_FORMATS)).hideHelp());
  return command;
}

export interface DiagnosticsFlags {
  readonly diagnostics?: DiagnosticFormat;
}

/** The diagnostics format a command was asked for (text unless said). */
export function diagnosticsFormat(flags: DiagnosticsFlags): DiagnosticFormat {
  return flags.diagnostics ?? 'text';
}

/** Where `-f, --format` was the diagnostics flag: `--diagnostics`, else `--format`, else text. */
export interface FormerlyFormatFlags extends DiagnosticsFlags {
  readonly format?: DiagnosticFormat;
}

export function formerDiagnosticsFormat(flags: FormerlyFormatFlags): DiagnosticFormat {
  return flags.diagnostics ?? flags.format ?? 'text';
}
