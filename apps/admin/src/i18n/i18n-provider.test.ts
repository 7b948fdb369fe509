import { describe, expect, it } from '@jest/globals';
import englishMessages from 'ra-language-english';
import { createI18nProvider } from './i18n-provider';

describe('createI18nProvider', () => {
  const { translate } = createI18nProvider();

  it('returns react-admin’s English message for a key', () => {
    expect(translate('ra.action.save')).toBe(englishMessages.ra.action.save);
    expect(translate('ra.page.not_found')).toBe('Not Found');
  });

  it('substitutes %{tokens} and keeps tokens it has no value for', () => {
    expect(translate('ra.page.edit', { name: 'Account', recordRepresentation: 'OpenAI main' })).toBe(
      'Account OpenAI main',
    );
    expect(translate('ra.page.create', {})).toBe('Create %{name}');
  });

  it.each([
    [0, '0 items selected'],
    [1, '1 item selected'],
    [2, '2 items selected'],
  ])('picks the English plural form for smart_count %i', (count, expected) => {
    expect(translate('ra.action.bulk_actions', { smart_count: count })).toBe(expected);
    expect(translate('ra.action.bulk_actions', count as never)).toBe(expected);
  });

  it('falls back to the _ option, then to the key, for a missing key (allowMissing)', () => {
    expect(translate('resources.provider-accounts.name', { smart_count: 2, _: 'Provider accounts' })).toBe(
      'Provider accounts',
    );
    expect(translate('resources.x.name', { smart_count: 1, _: 'Thing |||| Things' })).toBe('Thing');
    expect(translate('Integrations')).toBe('Integrations');
  });

  it('returns the key for a path that ends on a group of messages', () => {
    expect(translate('ra.action')).toBe('ra.action');
  });
});
