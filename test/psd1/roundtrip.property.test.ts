import fc from 'fast-check';
import { parse, PsHashtable, render, renderText } from '../../src/psd1';
import { hostileString, psd1Value, sameValue } from '../helpers/arbitraries';

describe('render then parse is the identity', () => {
  it('holds for random values rich in quotes, backticks, $, braces, comments, line breaks and NUL', () => {
    fc.assert(
      fc.property(psd1Value, (value) => {
        const bytes = render(value);
        const back = parse(bytes, { file: 'prop.psd1' }).value;
        return sameValue(back, value);
      }),
      { numRuns: 1500 },
    );
  });

  it('never lets a string value reach outside its quotes', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const table = PsHashtable.from([
          ['A', a],
          ['B', b],
          ['Sentinel', 'end'],
        ]);
        const back = parse(renderText(table)).value as PsHashtable;
        return back.size === 3 && back.get('A') === a && back.get('B') === b && back.get('Sentinel') === 'end';
      }),
      { numRuns: 3000 },
    );
  });

  it('is deterministic: the same value always gives the same bytes', () => {
    fc.assert(
      fc.property(psd1Value, (value) =>
        Buffer.from(render(value)).equals(Buffer.from(render(parse(render(value)).value))),
      ),
      { numRuns: 500 },
    );
  });
});
