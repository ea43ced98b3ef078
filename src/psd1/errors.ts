/** A position in a source text: 1-based line and column (UTF-16 code units, as PowerShell counts). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * A syntax or encoding error in a PowerShell data file. `toString()` and `message` give
 * `FILE:LINE:COL: message`; the parts are kept for tools that need them.
 */
export class Psd1Error extends Error {
  constructor(
    /** The file name given to the parser (or `<input>`). */
    readonly file: string,
    /** 1-based line of the error. */
    readonly line: number,
    /** 1-based column of the error. */
    readonly column: number,
    /** The message without the location prefix. */
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'Psd1Error';
  }
}

/** Maps offsets in a text to lines and columns; CRLF, LF and lone CR each end a line. */
export class LineMap {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The line and column of a UTF-16 offset. */
  positionAt(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    } else if (c === 0x0a) {
      starts.push(i + 1);
    }
  }
  return starts;
}
