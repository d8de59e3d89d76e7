import { describe, expect, it } from 'vitest';
import { call, fails, n, set } from './helpers.ts';

describe('arithmetic built-ins', () => {
  it('adds, subtracts and multiplies integers beyond 2^64 exactly', () => {
    expect(call('plus', n('18446744073709551617'), 1)).toBe('18446744073709551618');
    expect(call('minus', n('-18446744073709551617'), 1)).toBe('-18446744073709551618');
    expect(call('mul', n('18446744073709551617'), 2)).toBe('36893488147419103234');
    expect(call('plus', n('123456789012345678901234567890'), 1)).toBe('123456789012345678901234567891');
  });

  it('keeps the sum 49649733057 + 1 exact (OPA bug 2469)', () => {
    expect(call('plus', 49649733057, 1)).toBe('49649733058');
  });

  it('gives integral results of decimal arithmetic as integers', () => {
    expect(call('plus', 1.5, 2.5)).toBe('4');
    expect(call('mul', 2.5, 2)).toBe('5');
    expect(call('plus', 1, 2.5)).toBe('3.5');
  });

  it('computes decimals in 64-bit binary floats printed as OPA prints them', () => {
    expect(call('plus', 0.1, 0.2)).toBe('0.3');
    expect(call('div', 1, 3)).toBe('0.33333333333333333334');
    expect(call('div', 2, 3)).toBe('0.6666666666666666667');
    expect(call('mul', 1.1, 1.1)).toBe('1.21');
    // at 64 bits 0.3 - 0.1 is not the nearest value to 0.2, so Go prints more digits
    expect(call('minus', 0.3, 0.1)).toBe('0.20000000000000000002');
    expect(call('sum', [0.1, 0.2, 0.3])).toBe('0.6');
  });

  it('divides exactly when divisible and reports division by zero as OPA does', () => {
    expect(call('div', 10, 4)).toBe('2.5');
    expect(call('div', n('1e109'), n('1e100'))).toBe('1000000000');
    expect(fails('div', 1, 0)).toBe('eval_builtin_error: div: divide by zero');
  });

  it('takes remainders of big integers and refuses decimals and zero', () => {
    expect(call('rem', 7, 4)).toBe('3');
    expect(call('rem', 10, n('18446744073709551616'))).toBe('10');
    expect(call('rem', n('18446744073709551617'), n('18446744073709551616'))).toBe('1');
    expect(call('rem', 100, n('-18446744073709551616'))).toBe('100');
    expect(fails('rem', 7, 0)).toBe('eval_builtin_error: rem: modulo by zero');
    expect(fails('rem', 1.1, 1)).toBe('eval_builtin_error: rem: modulo on floating-point number');
  });

  it('subtracts sets with minus and names the operand of the wrong type', () => {
    expect(call('minus', set(1, 2, 3), set(2))).toBe('[1,3]');
    expect(fails('minus', set(1), 1)).toBe('eval_type_error: minus: operand 2 must be set but got number');
    expect(fails('minus', 1, set(1))).toBe('eval_type_error: minus: operand 2 must be number but got set');
    expect(fails('minus', 'a', 1)).toBe('eval_type_error: minus: operand 1 must be one of {number, set} but got string');
  });

  it('rounds half away from zero and ceils/floors decimals', () => {
    expect(call('round', 2.5)).toBe('3');
    expect(call('round', -2.5)).toBe('-3');
    expect(call('ceil', 2222.2222222222)).toBe('2223');
    expect(call('ceil', -1.99999)).toBe('-1');
    expect(call('floor', -1.5)).toBe('-2');
    expect(call('abs', -10)).toBe('10');
  });

  it('gives the same answers on the fast paths for small doubles as on big floats', () => {
    expect(call('round', -0.4)).toBe('0');
    expect(call('ceil', -0.5)).toBe('0');
    expect(call('round', 0.5)).toBe('1');
    expect(call('floor', 3.5)).toBe('3');
    expect(call('div', 7, 2)).toBe('3.5');
    expect(call('div', -7, 4)).toBe('-1.75');
    expect(call('div', 0, -5)).toBe('0');
    expect(call('div', 1, 3)).toBe('0.33333333333333333334');
    expect(call('div', 1528, 5)).toBe('305.6');
  });

  it('builds inclusive ranges in either direction and refuses non-integers', () => {
    expect(call('numbers.range', -2, 3)).toBe('[-2,-1,0,1,2,3]');
    expect(call('numbers.range', 2, -3)).toBe('[2,1,0,-1,-2,-3]');
    expect(call('numbers.range', 49649733057, 49649733058)).toBe('[49649733057,49649733058]');
    expect(call('numbers.range_step', 0, 10, 4)).toBe('[0,4,8]');
    expect(fails('numbers.range', 3, 3.14)).toBe(
      'eval_type_error: numbers.range: operand 2 must be integer number but got floating-point number',
    );
    expect(fails('numbers.range_step', 0, 10, 0)).toBe('eval_builtin_error: numbers.range_step: step must be a positive number above zero');
  });

  it('gives rand.intn the same value for the same key within one query', () => {
    const a = call('rand.intn', 'key', 100);
    expect(call('rand.intn', 'key', 100)).toBe(a);
    expect(Number(a)).toBeGreaterThanOrEqual(0);
    expect(Number(a)).toBeLessThan(100);
    expect(call('rand.intn', 'key', 0)).toBe('0');
  });
});

describe('bits built-ins', () => {
  it('computes and, or, xor, negate and shifts on big integers', () => {
    expect(call('bits.and', 7, 9)).toBe('1');
    expect(call('bits.or', 7, 9)).toBe('15');
    expect(call('bits.xor', 42, 42)).toBe('0');
    expect(call('bits.negate', 42)).toBe('-43');
    expect(call('bits.lsh', n('9223372036854775807'), 1)).toBe('18446744073709551614');
    expect(call('bits.rsh', 8, 3)).toBe('1');
  });

  it('refuses floating-point operands with OPA message', () => {
    expect(fails('bits.and', 7.2, 42)).toBe('eval_type_error: bits.and: operand 1 must be integer number but got floating-point number');
  });
});

describe('comparison built-ins', () => {
  it('compares across types in OPA order and numbers by value', () => {
    expect(call('equal', 1, 1.0)).toBe('true');
    expect(call('lt', null, false)).toBe('true');
    expect(call('lt', 'b', [1])).toBe('true');
    expect(call('gte', 1, 2)).toBe('false');
    expect(call('neq', n('28857836529306024611913'), n('28857836529306024611912'))).toBe('true');
  });
});
