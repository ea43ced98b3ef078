import { closestWord, didYouMean } from '../../src/jea/suggest';

describe('did-you-mean for misspelled keys', () => {
  const keys = ['SessionType', 'LanguageMode', 'RoleDefinitions', 'VisibleCmdlets', 'VisibleFunctions', 'GUID'];

  it.each([
    ['LanguagMode', 'LanguageMode'],
    ['languagemode', 'LanguageMode'],
    ['RoleDefinition', 'RoleDefinitions'],
    ['VisibleCmdlet', 'VisibleCmdlets'],
    ['VisibleFunction', 'VisibleFunctions'],
    ['GIUD', 'GUID'],
  ])('%s → %s', (typo, meant) => expect(closestWord(typo, keys)).toBe(meant));

  it('suggests nothing for a word far from every key', () => {
    expect(closestWord('IdleSessionTimeoutMs', keys)).toBeUndefined();
    expect(didYouMean('Foo', keys)).toBe('');
  });

  it('words the suggestion', () => expect(didYouMean('SessionTyp', keys)).toBe(" Did you mean 'SessionType'?"));
});
