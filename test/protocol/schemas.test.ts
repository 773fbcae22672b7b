import { expect } from '@open-wc/testing';
import { ChangesResponseSchema } from '../../src/protocol/changes.js';
import { CommentSchema, type Comment } from '../../src/protocol/comment.js';
import { ErrorResponseSchema } from '../../src/protocol/errors.js';
import { NewCommentSchema } from '../../src/protocol/new-comment.js';
import { ThreadKeySchema } from '../../src/protocol/thread-key.js';
import { makeComment, testUuid } from '../helpers/fixtures.js';

interface Failure {
  path: PropertyKey[];
  message: string;
}

/** The first issue of a failed parse; fails the test when the parse succeeded. */
function firstIssue(result: { success: boolean; error?: { issues: ReadonlyArray<Failure> } }): Failure {
  expect(result.success, 'expected the parse to fail').to.equal(false);
  const issue = result.error!.issues[0]!;
  return { path: [...issue.path], message: issue.message };
}

describe('ThreadKeySchema', () => {
  it('accepts paths and any other text of 1 to 512 characters', () => {
    for (const key of ['/posts/a', 'a', '...', 'x'.repeat(512), 'ü / ?#']) {
      expect(ThreadKeySchema.safeParse(key).success, key).to.equal(true);
    }
  });

  it('rejects empty, overlong, "." and ".." keys, which no URL can address', () => {
    for (const key of ['', 'x'.repeat(513), '.', '..']) {
      expect(ThreadKeySchema.safeParse(key).success, key).to.equal(false);
    }
  });

  it('counts UTF-16 units, so an astral character counts 2', () => {
    expect(ThreadKeySchema.safeParse('😀'.repeat(256)).success).to.equal(true);
    expect(firstIssue(ThreadKeySchema.safeParse(`${'😀'.repeat(256)}x`)).message).to.equal(
      'Thread key must be at most 512 characters.',
    );
  });

  it('rejects a key with a lone surrogate, which no store keeps as sent', () => {
    for (const key of ['/a\ud83d', '\ude00', '/a\ude00\ud83d/b']) {
      expect(firstIssue(ThreadKeySchema.safeParse(key)).message, JSON.stringify(key)).to.equal(
        'Thread key must be well-formed text: it has a lone UTF-16 surrogate.',
      );
    }
  });

  it('says which rule a key broke', () => {
    expect(firstIssue(ThreadKeySchema.safeParse('')).message).to.equal('Thread key must not be empty.');
    expect(firstIssue(ThreadKeySchema.safeParse('x'.repeat(513))).message).to.equal(
      'Thread key must be at most 512 characters.',
    );
    expect(firstIssue(ThreadKeySchema.safeParse('..')).message).to.equal(
      'Thread key must not be "." or "..".',
    );
  });
});

describe('NewCommentSchema', () => {
  const good = () => ({ id: testUuid(), parentId: null, authorName: 'Ada', body: 'Hello' });

  it('accepts a good comment and trims and normalises it', () => {
    const input = { ...good(), authorName: '  Ada  ', body: ' line one\r\nline two ' };
    expect(NewCommentSchema.parse(input)).to.deep.equal({
      id: input.id,
      parentId: null,
      authorName: 'Ada',
      body: 'line one\nline two',
    });
  });

  it('accepts a reply with a UUID parentId, and a comment with no parentId at all', () => {
    const parentId = testUuid();
    expect(NewCommentSchema.parse({ ...good(), parentId }).parentId).to.equal(parentId);
    const withoutParent: Record<string, unknown> = good();
    delete withoutParent.parentId;
    const parsed = NewCommentSchema.parse(withoutParent);
    expect(parsed).not.to.have.property('parentId');
  });

  const bad: Array<[string, Record<string, unknown>, PropertyKey[], string]> = [
    ['an id that is not a UUID', { id: 'comment-1' }, ['id'], 'Must be a UUID.'],
    ['a missing id', { id: undefined }, ['id'], 'Must be a UUID.'],
    ['a parentId that is not a UUID', { parentId: 'parent' }, ['parentId'], 'Must be a UUID.'],
    ['an empty name', { authorName: '' }, ['authorName'], 'Please enter your name.'],
    ['a whitespace name', { authorName: '   ' }, ['authorName'], 'Please enter your name.'],
    ['a name that is not a string', { authorName: 42 }, ['authorName'], 'Name must be a string.'],
    [
      'a name of 81 characters',
      { authorName: 'n'.repeat(81) },
      ['authorName'],
      'Name must be at most 80 characters.',
    ],
    [
      'a two-line name',
      { authorName: 'Ada\nLovelace' },
      ['authorName'],
      'Name must be a single line of text, without control characters, bidi controls (U+202A–U+202E, U+2066–U+2069) or U+FEFF.',
    ],
    [
      'a name of 41 astral characters (82 UTF-16 units)',
      { authorName: '😀'.repeat(41) },
      ['authorName'],
      'Name must be at most 80 characters.',
    ],
    [
      'a name with a lone surrogate',
      { authorName: 'Ada \ud83d' },
      ['authorName'],
      'Name must be well-formed text: it has a lone UTF-16 surrogate.',
    ],
    [
      'a body with a lone surrogate',
      { body: '\ude00 Hello' },
      ['body'],
      'Comment must be well-formed text: it has a lone UTF-16 surrogate.',
    ],
    ['an empty body', { body: ' \r\n ' }, ['body'], 'Please write a comment.'],
    ['a body that is not a string', { body: ['Hello'] }, ['body'], 'Comment must be a string.'],
    [
      'a body of 10,001 characters',
      { body: 'b'.repeat(10_001) },
      ['body'],
      'Comment must be at most 10,000 characters.',
    ],
    ['a body with NUL', { body: 'a\u0000b' }, ['body'], 'Comment contains control characters.'],
  ];
  for (const [what, change, path, message] of bad) {
    it(`rejects ${what}`, () => {
      expect(firstIssue(NewCommentSchema.safeParse({ ...good(), ...change }))).to.deep.equal({
        path,
        message,
      });
    });
  }

  it('accepts what a reader asks to be emailed about, the page and the locale, as sent', () => {
    const input = {
      ...good(),
      notify: 'thread',
      pageUrl: 'https://blog.example/posts/a?page=2',
      locale: 'pt-BR',
    };
    expect(NewCommentSchema.parse(input)).to.deep.include({
      notify: 'thread',
      pageUrl: 'https://blog.example/posts/a?page=2',
      locale: 'pt-BR',
    });
    expect(NewCommentSchema.parse({ ...good(), notify: 'replies' }).notify).to.equal('replies');
    const longest = `https://blog.example/${'p'.repeat(2048 - 'https://blog.example/'.length)}`;
    for (const pageUrl of ['http://localhost:8080/', 'HTTPS://Blog.Example/a%20b', longest]) {
      expect(NewCommentSchema.safeParse({ ...good(), pageUrl }).success, pageUrl).to.equal(true);
    }
    const longestTag = `de-${'a'.repeat(8)}-${'b'.repeat(8)}-${'c'.repeat(8)}-${'d'.repeat(5)}`;
    for (const locale of ['de', 'en', 'zh-CN', 'zh-Hans-CN', 'es-419', longestTag]) {
      expect(NewCommentSchema.safeParse({ ...good(), locale }).success, locale).to.equal(true);
    }
  });

  const badContext: Array<[string, Record<string, unknown>, string]> = [
    ['a notify of another scope', { notify: 'everything' }, 'notify must be "replies" or "thread".'],
    ['a notify that is true', { notify: true }, 'notify must be "replies" or "thread".'],
    ['a pageUrl that is not a string', { pageUrl: 42 }, 'pageUrl must be a string.'],
    [
      'a pageUrl of 2,049 characters',
      { pageUrl: `https://blog.example/${'p'.repeat(2049 - 'https://blog.example/'.length)}` },
      'pageUrl must be at most 2,048 characters.',
    ],
    ...['/posts/a', 'ftp://blog.example/a', 'javascript:alert(1)', 'https://', ''].map(
      (pageUrl): [string, Record<string, unknown>, string] => [
        `the pageUrl ${JSON.stringify(pageUrl)}`,
        { pageUrl },
        'pageUrl must be an absolute http(s) URL in ASCII, without a #fragment.',
      ],
    ),
    ...[
      'https://blog.example/a#comment-1',
      'https://blog.example/a b',
      'https://blog.example/\u00e9t\u00e9',
      'https://blog.example/a\nb',
    ].map((pageUrl): [string, Record<string, unknown>, string] => [
      `the pageUrl ${JSON.stringify(pageUrl)} (a fragment, a space, Unicode, a line break)`,
      { pageUrl },
      'pageUrl must be an absolute http(s) URL in ASCII, without a #fragment.',
    ]),
    ['a locale that is not a string', { locale: ['de'] }, 'locale must be a string.'],
    [
      'a locale of 36 characters',
      { locale: `de-${'a'.repeat(8)}-${'b'.repeat(8)}-${'c'.repeat(8)}-${'d'.repeat(6)}` },
      'locale must be at most 35 characters.',
    ],
    ...['', 'd', 'de_DE', 'de-', '-de', 'de--DE', 'de-DE-toolongsubtag', 'deutsch!', '日本語'].map(
      (locale): [string, Record<string, unknown>, string] => [
        `the locale ${JSON.stringify(locale)}`,
        { locale },
        'locale must be a BCP 47 language tag, such as "de" or "pt-BR".',
      ],
    ),
  ];
  for (const [what, change, message] of badContext) {
    it(`rejects ${what}, naming the field`, () => {
      const [field] = Object.keys(change);
      expect(firstIssue(NewCommentSchema.safeParse({ ...good(), ...change }))).to.deep.equal({
        path: [field],
        message,
      });
    });
  }

  it('rejects something that is not an object', () => {
    expect(NewCommentSchema.safeParse('hello').success).to.equal(false);
    expect(NewCommentSchema.safeParse(null).success).to.equal(false);
  });
});

describe('CommentSchema', () => {
  it('accepts a comment as the server sends it', () => {
    const comment = makeComment({ parentId: testUuid() });
    expect(CommentSchema.parse(comment)).to.deep.equal(comment);
  });

  it('accepts ids that are not UUIDs, up to 64 characters', () => {
    const comment = makeComment({ id: 'x'.repeat(64), parentId: 'p1' });
    expect(CommentSchema.parse(comment)).to.deep.equal(comment);
  });

  it('takes the thread as sent: the key rules are ThreadKeySchema’s, applied when it was written', () => {
    for (const thread of ['', '.', 't'.repeat(513)]) {
      expect(ThreadKeySchema.safeParse(thread).success, thread).to.equal(false);
      const comment = makeComment({ thread });
      expect(CommentSchema.parse(comment), thread).to.deep.equal(comment);
    }
  });

  const bad: Array<[string, Record<string, unknown>, PropertyKey[]]> = [
    ['a string seq', { seq: '1' }, ['seq']],
    ['a zero seq', { seq: 0 }, ['seq']],
    ['a fractional seq', { seq: 1.5 }, ['seq']],
    ['an unsafe integer seq', { seq: 2 ** 53 }, ['seq']],
    ['an unparseable createdAt', { createdAt: 'yesterday' }, ['createdAt']],
    ['a numeric updatedAt', { updatedAt: 1700000000000 }, ['updatedAt']],
    ['an unknown status', { status: 'archived' }, ['status']],
    ['an empty id', { id: '' }, ['id']],
    ['an id of 65 characters', { id: 'x'.repeat(65) }, ['id']],
    ['an undefined parentId', { parentId: undefined }, ['parentId']],
    ['a thread that is not a string', { thread: 42 }, ['thread']],
    ['a missing thread', { thread: undefined }, ['thread']],
    ['a missing body', { body: undefined }, ['body']],
  ];
  for (const [what, change, path] of bad) {
    it(`rejects ${what}`, () => {
      expect(firstIssue(CommentSchema.safeParse({ ...makeComment(), ...change })).path).to.deep.equal(path);
    });
  }
});

describe('ChangesResponseSchema', () => {
  function page(comments: Comment[] = [makeComment(), makeComment()]) {
    return { comments, cursor: String(comments.at(-1)?.seq ?? 0), more: false };
  }

  it('accepts a page of changes', () => {
    const response = page();
    expect(ChangesResponseSchema.parse(response)).to.deep.equal(response);
    expect(ChangesResponseSchema.parse({ comments: [], cursor: '0', more: true })).to.deep.equal({
      comments: [],
      cursor: '0',
      more: true,
    });
  });

  it('rejects a missing, empty or overlong cursor', () => {
    const withoutCursor: Record<string, unknown> = page();
    delete withoutCursor.cursor;
    expect(firstIssue(ChangesResponseSchema.safeParse(withoutCursor)).path).to.deep.equal(['cursor']);
    expect(firstIssue(ChangesResponseSchema.safeParse({ ...page(), cursor: '' })).path).to.deep.equal([
      'cursor',
    ]);
    expect(
      firstIssue(ChangesResponseSchema.safeParse({ ...page(), cursor: 'c'.repeat(65) })).path,
    ).to.deep.equal(['cursor']);
    expect(firstIssue(ChangesResponseSchema.safeParse({ ...page(), cursor: 7 })).path).to.deep.equal([
      'cursor',
    ]);
  });

  it('accepts notify, which says whether the site emails reply notifications, and refuses a non-boolean', () => {
    expect(ChangesResponseSchema.parse({ ...page(), notify: true }).notify).to.equal(true);
    expect(ChangesResponseSchema.parse({ ...page(), notify: false }).notify).to.equal(false);
    expect(ChangesResponseSchema.parse(page())).not.to.have.property('notify');
    expect(firstIssue(ChangesResponseSchema.safeParse({ ...page(), notify: 'yes' })).path).to.deep.equal([
      'notify',
    ]);
  });

  it('rejects a missing or non-boolean more', () => {
    expect(firstIssue(ChangesResponseSchema.safeParse({ ...page(), more: 'false' })).path).to.deep.equal([
      'more',
    ]);
    expect(firstIssue(ChangesResponseSchema.safeParse({ ...page(), more: undefined })).path).to.deep.equal([
      'more',
    ]);
  });

  it('rejects a page with one bad comment, pointing at it', () => {
    const comments = [makeComment(), { ...makeComment(), seq: '1' } as unknown as Comment];
    expect(firstIssue(ChangesResponseSchema.safeParse(page(comments))).path).to.deep.equal([
      'comments',
      1,
      'seq',
    ]);
    const dated = [{ ...makeComment(), createdAt: 'yesterday' }];
    expect(firstIssue(ChangesResponseSchema.safeParse(page(dated))).path).to.deep.equal([
      'comments',
      0,
      'createdAt',
    ]);
  });

  it('rejects comments that are not an array', () => {
    expect(
      firstIssue(ChangesResponseSchema.safeParse({ comments: {}, cursor: '1', more: false })).path,
    ).to.deep.equal(['comments']);
  });
});

describe('ErrorResponseSchema', () => {
  it('accepts an error with and without a field', () => {
    const withField = {
      error: { code: 'validation_failed', message: 'Please write a comment.', field: 'body' },
    };
    expect(ErrorResponseSchema.parse(withField)).to.deep.equal(withField);
    const withoutField = { error: { code: 'not_found', message: 'Not found' } };
    expect(ErrorResponseSchema.parse(withoutField)).to.deep.equal(withoutField);
  });

  it('rejects an error without a code or message, or with a non-string field', () => {
    expect(firstIssue(ErrorResponseSchema.safeParse({ error: { message: 'x' } })).path).to.deep.equal([
      'error',
      'code',
    ]);
    expect(firstIssue(ErrorResponseSchema.safeParse({ error: { code: 'x' } })).path).to.deep.equal([
      'error',
      'message',
    ]);
    expect(
      firstIssue(ErrorResponseSchema.safeParse({ error: { code: 'x', message: 'y', field: 3 } })).path,
    ).to.deep.equal(['error', 'field']);
  });

  it('rejects a body that is not an error envelope', () => {
    expect(firstIssue(ErrorResponseSchema.safeParse({ code: 'x', message: 'y' })).path).to.deep.equal([
      'error',
    ]);
    expect(ErrorResponseSchema.safeParse('Internal Server Error').success).to.equal(false);
  });
});
