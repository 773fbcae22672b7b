import { expect } from '@open-wc/testing';
import { compile } from '../../src/i18n/catalogue.js';
import { composerMessages } from '../../src/i18n/messages/composer-messages.js';
import { checkBody, checkDraft } from '../../src/internal/validate-draft.js';

/** The English words, as the widget compiles them. */
const words = compile('en', composerMessages, []);
const validName = 'Ada Lovelace';
const validBody = 'A fine article.';

describe('checkDraft', () => {
  it('accepts a valid draft, trimmed, with line breaks normalised to \\n', () => {
    const result = checkDraft(
      {
        authorName: '  Ada Lovelace \t',
        body: '\n  First line\r\nSecond\rThird\r\n\r\n',
      },
      words,
    );
    expect(result).to.deep.equal({
      isValid: true,
      value: { authorName: 'Ada Lovelace', body: 'First line\nSecond\nThird' },
    });
  });

  it('keeps tabs and inner blank lines in the body', () => {
    const result = checkDraft({ authorName: validName, body: 'a\tb\r\n\r\nc' }, words);
    expect(result).to.deep.equal({ isValid: true, value: { authorName: validName, body: 'a\tb\n\nc' } });
  });

  it('asks for a name when it is empty or only whitespace', () => {
    for (const authorName of ['', '   ', '\t \u00a0']) {
      expect(checkDraft({ authorName, body: validBody }, words), JSON.stringify(authorName)).to.deep.equal({
        isValid: false,
        errors: { authorName: composerMessages.invalid.authorName.too_small },
      });
    }
    expect(composerMessages.invalid.authorName.too_small).to.equal('Please enter your name.');
  });

  it('asks for a comment when the body is empty or only whitespace', () => {
    for (const body of ['', '  ', '\r\n\r\n', '\n\t ']) {
      expect(checkDraft({ authorName: validName, body }, words), JSON.stringify(body)).to.deep.equal({
        isValid: false,
        errors: { body: composerMessages.invalid.body.too_small },
      });
    }
    expect(composerMessages.invalid.body.too_small).to.equal('Please write a comment first.');
  });

  it('reports both fields at once', () => {
    expect(checkDraft({ authorName: ' ', body: '' }, words)).to.deep.equal({
      isValid: false,
      errors: {
        authorName: composerMessages.invalid.authorName.too_small,
        body: composerMessages.invalid.body.too_small,
      },
    });
  });

  it('accepts a name of exactly 80 characters and refuses 81', () => {
    expect(checkDraft({ authorName: 'n'.repeat(80), body: validBody }, words).isValid).to.equal(true);
    expect(checkDraft({ authorName: `  ${'n'.repeat(80)}  `, body: validBody }, words).isValid).to.equal(
      true,
    );
    expect(checkDraft({ authorName: 'n'.repeat(81), body: validBody }, words)).to.deep.equal({
      isValid: false,
      errors: { authorName: 'Your name can be at most 80 characters.' },
    });
  });

  it('accepts a body of exactly 10,000 characters and refuses 10,001', () => {
    expect(checkDraft({ authorName: validName, body: 'b'.repeat(10_000) }, words).isValid).to.equal(true);
    expect(checkDraft({ authorName: validName, body: 'b'.repeat(10_001) }, words)).to.deep.equal({
      isValid: false,
      errors: { body: 'Comments can be at most 10,000 characters.' },
    });
  });

  it('counts a \\r\\n pair as one character after normalising', () => {
    // 14,999 code units as typed, exactly 10,000 once each \r\n becomes \n.
    const body = `x${'\r\n'.repeat(4_999)}x${'y'.repeat(4_999)}`;
    expect(body.length).to.equal(14_999);
    const result = checkDraft({ authorName: validName, body }, words);
    expect(result.isValid && result.value.body.length).to.equal(10_000);
    expect(checkDraft({ authorName: validName, body: `${body}y` }, words).isValid).to.equal(false);
  });

  it('refuses a name with a line break, a control or a bidi control inside it', () => {
    const names = [
      ...['Ada\nLovelace', 'Ada\r\nLovelace', 'Ada\u2028Lovelace', 'Ada\u0007'],
      ...[
        'Ada\u0085Lovelace',
        'Ada\u009b',
        'Ada\u202eecalevoL',
        'Ada\u202a',
        'Ada\u2066x\u2069',
        'Ada\ufeffLovelace',
      ],
    ];
    for (const authorName of names) {
      expect(checkDraft({ authorName, body: validBody }, words), JSON.stringify(authorName)).to.deep.equal({
        isValid: false,
        errors: {
          authorName: 'Your name must be a single line of plain text, without hidden control characters.',
        },
      });
    }
  });

  it('refuses text with a lone surrogate in any field, saying so', () => {
    expect(composerMessages.invalid.illFormed).to.equal(
      'This text has a broken character (half of an emoji or symbol): please retype it.',
    );
    for (const broken of ['\ud83d', '\ude00', 'a\ude00\ud83db']) {
      expect(
        checkDraft({ authorName: `Ada${broken}`, body: `Hi${broken}`, email: `a${broken}@b.org` }, words),
      ).to.deep.equal({
        isValid: false,
        errors: {
          authorName: composerMessages.invalid.illFormed,
          body: composerMessages.invalid.illFormed,
          email: composerMessages.invalid.illFormed,
        },
      });
      expect(checkBody(`Edited ${broken}`, words)).to.deep.equal({
        isValid: false,
        error: composerMessages.invalid.illFormed,
      });
    }
  });

  it('counts lengths in UTF-16 units, as the protocol does: an astral character counts 2', () => {
    expect(checkDraft({ authorName: '😀'.repeat(40), body: '😀'.repeat(5_000) }, words).isValid).to.equal(
      true,
    );
    expect(
      checkDraft({ authorName: `${'😀'.repeat(40)}x`, body: `${'😀'.repeat(5_000)}x` }, words),
    ).to.deep.equal({
      isValid: false,
      errors: {
        authorName: 'Your name can be at most 80 characters.',
        body: 'Comments can be at most 10,000 characters.',
      },
    });
  });

  it('refuses a body with a control character', () => {
    for (const body of ['before\u0000after', 'bell\u0007', 'del\u007fete', 'vt\u000bx']) {
      expect(checkDraft({ authorName: validName, body }, words), JSON.stringify(body)).to.deep.equal({
        isValid: false,
        errors: { body: composerMessages.invalid.body.custom },
      });
    }
    expect(composerMessages.invalid.body.custom).to.equal(
      'Your comment contains characters that cannot be posted.',
    );
  });

  it('asks a guest who wants emails about replies for an email, and takes one given', () => {
    const draft = { authorName: validName, body: validBody, email: '  ' };
    expect(checkDraft(draft, words, true)).to.deep.equal({
      isValid: false,
      errors: { email: 'Enter your email to get replies.' },
    });
    expect(checkDraft(draft, words).isValid, 'not asked for emails').to.equal(true);
    expect(checkDraft({ ...draft, email: ' ada@example.org' }, words, true)).to.deep.equal({
      isValid: true,
      value: { authorName: validName, body: validBody, email: 'ada@example.org' },
    });
    // An address that is not one says so, as without the box ticked.
    expect(checkDraft({ ...draft, email: 'ada' }, words, true)).to.deep.equal({
      isValid: false,
      errors: { email: composerMessages.invalid.email.custom },
    });
  });
});
