import { InvalidArgumentError } from 'commander';
import { integerArg, listArg, rateArg } from './cli-args';
import { nginxErrorPage } from './nginx';

describe('simulator command-line arguments', () => {
  it('reads non-negative integers, rates and lists, and names what a bad value should be', () => {
    expect(integerArg('0')).toBe(0);
    expect(() => integerArg('1.5')).toThrow(new InvalidArgumentError('a non-negative integer'));
    expect(rateArg('0.25')).toBe(0.25);
    expect(() => rateArg(' ')).toThrow(new InvalidArgumentError('a number from 0 to 1'));
    expect(() => rateArg('2')).toThrow('a number from 0 to 1');
    expect(listArg(' a, ,b ')).toEqual(['a', 'b']);
  });
});

describe('nginxErrorPage', () => {
  it("is nginx's own page, CRLF line ends", () => {
    expect(nginxErrorPage(502)).toBe(
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    );
    expect(nginxErrorPage(503)).toContain('<title>503 Service Temporarily Unavailable</title>');
  });
});
