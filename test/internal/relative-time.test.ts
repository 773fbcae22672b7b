import { expect } from '@open-wc/testing';
import { formatAbsoluteTime, formatRelativeTime } from '../../src/internal/relative-time.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const nowMs = Date.UTC(2026, 5, 15, 12, 0, 0);

function ago(ms: number, locale = 'en'): string {
  return formatRelativeTime(nowMs - ms, nowMs, locale);
}

describe('formatRelativeTime', () => {
  it('says "now" for the same moment and anything under a minute', () => {
    expect(ago(0)).to.equal('now');
    expect(ago(59 * second)).to.equal('now');
    expect(formatRelativeTime(nowMs + 30 * second, nowMs, 'en')).to.equal('now');
  });

  it('counts whole minutes', () => {
    expect(ago(minute)).to.equal('1 minute ago');
    expect(ago(5 * minute)).to.equal('5 minutes ago');
    expect(ago(5 * minute + 59 * second)).to.equal('5 minutes ago');
    expect(ago(59 * minute)).to.equal('59 minutes ago');
  });

  it('counts whole hours', () => {
    expect(ago(hour)).to.equal('1 hour ago');
    expect(ago(3 * hour + 30 * minute)).to.equal('3 hours ago');
    expect(ago(23 * hour)).to.equal('23 hours ago');
  });

  it('says "yesterday" for one day, then counts days', () => {
    expect(ago(day)).to.equal('yesterday');
    expect(ago(day + 20 * hour)).to.equal('yesterday');
    expect(ago(2 * day)).to.equal('2 days ago');
    expect(ago(6 * day)).to.equal('6 days ago');
  });

  it('counts weeks', () => {
    expect(ago(7 * day)).to.equal('last week');
    expect(ago(14 * day)).to.equal('2 weeks ago');
    expect(ago(29 * day)).to.equal('4 weeks ago');
  });

  it('counts months of 30 days', () => {
    expect(ago(30 * day)).to.equal('last month');
    expect(ago(90 * day)).to.equal('3 months ago');
    expect(ago(364 * day)).to.equal('12 months ago');
  });

  it('counts years of 365 days', () => {
    expect(ago(365 * day)).to.equal('last year');
    expect(ago(3 * 365 * day)).to.equal('3 years ago');
  });

  it('describes future times', () => {
    expect(formatRelativeTime(nowMs + 5 * minute, nowMs, 'en')).to.equal('in 5 minutes');
    expect(formatRelativeTime(nowMs + 2 * hour, nowMs, 'en')).to.equal('in 2 hours');
    expect(formatRelativeTime(nowMs + day, nowMs, 'en')).to.equal('tomorrow');
    expect(formatRelativeTime(nowMs + 2 * 365 * day, nowMs, 'en')).to.equal('in 2 years');
  });

  it('speaks German for "de"', () => {
    expect(ago(0, 'de')).to.equal('jetzt');
    expect(ago(5 * minute, 'de')).to.equal('vor 5 Minuten');
    expect(ago(day, 'de')).to.equal('gestern');
    expect(ago(3 * day, 'de')).to.equal('vor 3 Tagen');
    expect(formatRelativeTime(nowMs + 2 * hour, nowMs, 'de')).to.equal('in 2 Stunden');
  });

  it('keeps locales apart when switching between them', () => {
    expect(ago(5 * minute, 'de')).to.equal('vor 5 Minuten');
    expect(ago(5 * minute, 'en')).to.equal('5 minutes ago');
    expect(ago(5 * minute, 'de')).to.equal('vor 5 Minuten');
  });
});

describe('formatAbsoluteTime', () => {
  it('includes the year, month and day', () => {
    const text = formatAbsoluteTime(nowMs, 'en');
    expect(text).to.contain('2026');
    expect(text).to.contain('June');
    expect(text).to.match(/\b1[45]\b/);
  });

  it('follows the locale', () => {
    const text = formatAbsoluteTime(nowMs, 'de');
    expect(text).to.contain('2026');
    expect(text).to.contain('Juni');
  });

  it('formats different moments differently', () => {
    expect(formatAbsoluteTime(Date.UTC(2019, 5, 15, 12), 'en')).to.contain('2019');
    expect(formatAbsoluteTime(Date.UTC(2019, 5, 15, 12), 'en')).not.to.equal(formatAbsoluteTime(nowMs, 'en'));
  });
});
