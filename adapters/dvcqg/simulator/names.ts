/**
 * Made-up but plausible people and places for generated dossiers. Family names are weighted roughly as
 * they occur (Nguyễn about a third); the places use the two-level units (commune/ward, province) in force
 * since 1/7/2025, in Quảng Ngãi (H48) like the sandbox's agency registry. Samples, not reference data.
 */
export const FAMILY_NAMES: readonly string[] = [
  ...Array<string>(8).fill('Nguyễn'),
  ...Array<string>(3).fill('Trần'),
  ...Array<string>(3).fill('Lê'),
  ...Array<string>(2).fill('Phạm'),
  ...Array<string>(2).fill('Huỳnh'),
  'Hoàng',
  'Phan',
  'Võ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Trương',
  'Đinh',
];

export const MIDDLE_NAMES = {
  male: ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Công', 'Thanh', 'Ngọc', 'Xuân'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Phương'],
} as const;

export const GIVEN_NAMES = {
  male: ['Hùng', 'Dũng', 'Tuấn', 'Minh', 'Nam', 'Phúc', 'Long', 'Khoa', 'Sơn', 'Hải', 'Trung', 'Tâm', 'Bảo'],
  female: ['Lan', 'Hoa', 'Hương', 'Mai', 'Linh', 'Trang', 'Thảo', 'Hằng', 'Nhung', 'Vy', 'Yến', 'Ngân'],
} as const;

/** A unit and how addresses in it begin: street addresses in wards, hamlets (thôn) in communes. */
export const UNITS: readonly { name: string; ward: boolean }[] = [
  { name: 'phường Cẩm Thành', ward: true },
  { name: 'phường Nghĩa Lộ', ward: true },
  { name: 'phường Trương Quang Trọng', ward: true },
  { name: 'phường Đức Phổ', ward: true },
  { name: 'xã Bình Sơn', ward: false },
  { name: 'xã Bình Hải', ward: false },
  { name: 'xã Sơn Tịnh', ward: false },
  { name: 'xã Tư Nghĩa', ward: false },
  { name: 'xã Nghĩa Hành', ward: false },
  { name: 'xã Mộ Đức', ward: false },
];

export const STREETS: readonly string[] = [
  'Quang Trung',
  'Hùng Vương',
  'Lê Lợi',
  'Phan Đình Phùng',
  'Nguyễn Nghiêm',
  'Trần Hưng Đạo',
  'Phạm Văn Đồng',
  'Lê Trung Đình',
];

export const HAMLETS: readonly string[] = ['An Hà', 'Phú Lộc', 'Đông Yên', 'Tây An', 'Mỹ Trang', 'Thạch An'];

/** Mobile prefixes of the main carriers (Viettel, VinaPhone, MobiFone). */
export const MOBILE_PREFIXES: readonly string[] = [
  '032',
  '035',
  '038',
  '086',
  '096',
  '097',
  '098',
  '091',
  '094',
  '088',
  '090',
  '093',
  '070',
  '079',
];
