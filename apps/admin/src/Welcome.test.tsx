import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { Welcome } from './Welcome';

describe('Welcome', () => {
  it('renders the product name and promise', () => {
    render(<Welcome />);
    expect(screen.getByText('spendsync')).not.toBeNull();
    expect(screen.getByText(/to the cent/)).not.toBeNull();
  });
});
