import type { IgateApplicantData, IgatePlace } from './types';
import { igateTime } from './wire';

/**
 * Made-up applicants for the sandbox: common Vietnamese family names, middle names and given names, and
 * addresses in communes and wards of Quảng Ngãi (the sample province, H48; names after the 2025
 * reorganisation, former district kept in `district` as iGate's three-level address form still asks for it).
 * Identity numbers are 12-digit fakes with Quảng Ngãi's CCCD prefix 051; e-mails use example.com.
 */
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Võ',
  'Phan',
  'Trương',
  'Bùi',
  'Đặng',
  'Đỗ',
  'Ngô',
  'Hồ',
  'Dương',
  'Đinh',
];
const MIDDLE = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thành', 'Công', 'Xuân'],
  female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim', 'Bích', 'Hồng'],
};
const GIVEN = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Hải',
    'Hùng',
    'Khánh',
    'Long',
    'Nam',
    'Phúc',
    'Quang',
    'Sơn',
    'Tài',
    'Thắng',
    'Trung',
    'Tuấn',
    'Việt',
  ],
  female: [
    'Anh',
    'Châu',
    'Dung',
    'Hà',
    'Hạnh',
    'Hoa',
    'Hương',
    'Lan',
    'Linh',
    'Mai',
    'Nga',
    'Nhung',
    'Phương',
    'Thảo',
    'Trang',
    'Vy',
    'Yến',
  ],
};

const PROVINCE: IgatePlace = { label: 'Tỉnh Quảng Ngãi', value: '5def47c5f47614018c000051' };
const NATION: IgatePlace = { label: 'Việt Nam', value: '5f39f4a95224cf235e134c5c' };

/** [commune or ward, former district, local hamlets or streets]; place ids are sandbox ObjectIds. */
const PLACES: Array<[string, string, string[]]> = [
  ['Xã Bình Sơn', 'Huyện Bình Sơn', ['Thôn Châu Thuận', 'Thôn Phú Long', 'Thôn An Điềm']],
  ['Xã Bình Hải', 'Huyện Bình Sơn', ['Thôn Thanh Thủy', 'Thôn Tân Hy', 'Thôn Châu Me']],
  ['Xã Vạn Tường', 'Huyện Bình Sơn', ['Thôn Tân Hòa', 'Thôn Phước Thiện']],
  [
    'Phường Cẩm Thành',
    'Thành phố Quảng Ngãi',
    ['Đường Hùng Vương', 'Đường Quang Trung', 'Đường Phan Đình Phùng'],
  ],
  ['Phường Nghĩa Lộ', 'Thành phố Quảng Ngãi', ['Đường Lê Trung Đình', 'Đường Nguyễn Công Phương']],
  ['Phường Trương Quang Trọng', 'Thành phố Quảng Ngãi', ['Tổ dân phố 2', 'Tổ dân phố 5']],
  ['Xã Sơn Tịnh', 'Huyện Sơn Tịnh', ['Thôn Thọ Trung', 'Thôn Đông Hòa']],
  ['Xã Tư Nghĩa', 'Huyện Tư Nghĩa', ['Thôn Năng Tây', 'Thôn Trung Hòa']],
  ['Xã Mộ Đức', 'Huyện Mộ Đức', ['Thôn Đông Quang', 'Thôn Phước Tích']],
  ['Phường Đức Phổ', 'Thị xã Đức Phổ', ['Tổ dân phố Hùng Vương', 'Tổ dân phố Nguyễn Nghiêm']],
];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const digits = (rand: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

function placeId(seed: number): string {
  return `5def47c5f47614018c${(0x130000 + seed).toString(16).padStart(6, '0')}`;
}

/** ASCII of a Vietnamese name, for e-mail local parts. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** A made-up applicant (`applicant.data`) whose age, identity number and address agree with each other. */
export function randomApplicant(rand: () => number, nowMs: number): IgateApplicantData {
  const male = rand() < 0.5;
  const sex = male ? 'male' : 'female';
  const fullname = `${pick(rand, FAMILY)} ${pick(rand, MIDDLE[sex])} ${pick(rand, GIVEN[sex])}`;
  const year = new Date(nowMs).getUTCFullYear() - 18 - Math.floor(rand() * 58);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  // Local midnight of the birthday, written the iGate way (17:00Z the day before).
  const birthday = igateTime(Date.UTC(year, month - 1, day) - 7 * 3_600_000);
  // CCCD: province 051, then sex and century (0/1 for the 1900s, 2/3 for the 2000s), year, 6 digits.
  const century = year >= 2000 ? 2 : 0;
  const identityNumber = `051${century + (male ? 0 : 1)}${String(year % 100).padStart(2, '0')}${digits(rand, 6)}`;
  const placeIndex = Math.floor(rand() * PLACES.length);
  const [commune, district, streets] = PLACES[placeIndex];
  const house = commune.startsWith('Phường') ? `${1 + Math.floor(rand() * 250)} ` : '';
  return {
    fullname,
    ownerFullname: fullname,
    identityNumber,
    identityDate: igateTime(
      Date.UTC(2021 + Math.floor(rand() * 4), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)) -
        7 * 3_600_000,
    ),
    identityAgency: {
      id: '000050000191c4e1bd300049',
      name: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    },
    birthday,
    gender: male ? 1 : 0,
    phoneNumber: `+84${pick(rand, ['3', '5', '7', '8', '9'])}${digits(rand, 8)}`,
    email: `${ascii(fullname).toLowerCase().replace(/ /g, '.')}${digits(rand, 2)}@example.com`,
    address: `${house}${pick(rand, streets)}, ${commune}, Tỉnh Quảng Ngãi`,
    nation: { ...NATION },
    province: { ...PROVINCE },
    district: { label: district, value: placeId(0x100 + PLACES.findIndex((p) => p[1] === district)) },
    village: { label: commune, value: placeId(placeIndex) },
  };
}
