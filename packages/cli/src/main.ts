#!/usr/bin/env node
import { isValidDatum } from '@zelfredzaam/domain';

console.log(`zelfredzaam: in opbouw (${isValidDatum('2014-01-01')})`);
