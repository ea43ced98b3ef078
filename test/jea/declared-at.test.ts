import { declared, userFrames } from '../../src/jea/declared-at';

describe('where a construct was declared', () => {
  it('is the first frame of user code, relative to the working directory, with the callers after it', () => {
    const make = () => declared('stack/Role');
    const d = make();
    expect(d.construct).toBe('stack/Role');
    expect(d.at).toMatch(/^test\/jea\/declared-at\.test\.ts:\d+$/);
  });

  it("never lists Node's own frames or jeajit's", () => {
    for (const frame of userFrames()) {
      expect(frame).not.toMatch(/^(node:|internal\/)/);
      expect(frame).not.toMatch(/^(src|constructs|dist)\//);
      expect(frame).toMatch(/:\d+$/);
    }
  });
});
