import { describe, expect, it } from 'vitest';
import { escapeHtml, externalHref, html, plainText, SafeHtml } from './html.js';

describe('html', () => {
  it('escapes every interpolated string, including quotes for attributes', () => {
    const name = `<script>alert("x")</script>' onmouseover='y`;
    const out = html`<a title="${name}">${name}</a>`.toString();
    expect(out).not.toContain('<script>');
    expect(out).not.toContain(`' onmouseover='`);
    expect(out).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y</a>',
    );
  });

  it('keeps nested html as markup and escapes strings inside arrays', () => {
    const items = ['a&b', html`<b>${'<i>'}</b>`];
    expect(html`<p>${items}</p>`.toString()).toBe('<p>a&amp;b<b>&lt;i&gt;</b></p>');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    expect(html`${null}${undefined}${false}${0}`.toString()).toBe('0');
  });

  it('returns SafeHtml so that pages compose without double escaping', () => {
    const inner = html`<em>${'&'}</em>`;
    expect(inner).toBeInstanceOf(SafeHtml);
    expect(html`${inner}`.toString()).toBe('<em>&amp;</em>');
  });

  it('escapeHtml escapes the backtick too (old IE attribute quirk)', () => {
    expect(escapeHtml('`')).toBe('&#96;');
  });
});

describe('externalHref', () => {
  it('keeps http and https links', () => {
    expect(externalHref('https://miro.com/app/board/x=/')).toBe('https://miro.com/app/board/x=/');
    expect(externalHref('http://127.0.0.1:4000/app/board/x')).toBe('http://127.0.0.1:4000/app/board/x');
  });

  it('drops javascript:, data: and unparsable URLs', () => {
    expect(externalHref('javascript:alert(1)')).toBeUndefined();
    expect(externalHref('data:text/html,<script>1</script>')).toBeUndefined();
    expect(externalHref('not a url')).toBeUndefined();
    expect(externalHref(undefined)).toBeUndefined();
  });
});

describe('plainText', () => {
  it('drops tags and decodes common entities, and html escapes the result again', () => {
    const text = plainText('<p>Fish &amp; chips</p><p><script>x</script>&lt;b&gt;</p>');
    expect(text).toBe('Fish & chips\nx<b>');
    expect(html`${text}`.toString()).toBe('Fish &amp; chips\nx&lt;b&gt;');
  });
});
