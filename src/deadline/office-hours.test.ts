import { DEFAULT_OFFICE_HOURS, parseOfficeHours } from './office-hours';

describe('parseOfficeHours', () => {
  it('accepts the default civil-service day', () => {
    expect(parseOfficeHours(DEFAULT_OFFICE_HOURS)).toEqual({
      periods: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
    });
  });

  it.each([
    [{ periods: [] }, /non-empty/],
    [{ periods: [{ start: '7:00', end: '11:30' }] }, /periods\[0\]\.start must be 'HH:mm'/],
    [{ periods: [{ start: '07:00', end: '24:00' }] }, /periods\[0\]\.end/],
    [{ periods: [{ start: '11:30', end: '07:00' }] }, /periods\[0\] starts at or after its end/],
    [
      {
        periods: [
          { start: '07:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
      /periods\[1\] overlaps/,
    ],
    [{ periods: [{ start: '07:00', end: '12:00', lunch: true }] }, /unknown key 'lunch'/],
    [null, /non-empty/],
  ])('refuses %j', (input, reason) => {
    expect(() => parseOfficeHours(input)).toThrow(reason);
    expect(() => parseOfficeHours(input)).toThrow(expect.objectContaining({ code: 'LT_CALENDAR_BAD_HOURS' }));
  });
});
