/**
 * Every rule file, one per service (Wappalyzer-style definitions). Adding a service means adding
 * its JSON file here; rules.test.ts fails if a file in this folder is missing from the list.
 */
import anthropic from './anthropic.json';
import anyService from './any-service.json';
import apple from './apple.json';
import awsBedrock from './aws-bedrock.json';
import cloudflare from './cloudflare.json';
import cursor from './cursor.json';
import githubCopilot from './github-copilot.json';
import google from './google.json';
import lobechat from './lobechat.json';
import meta from './meta.json';
import microsoftAzure from './microsoft-azure.json';
import microsoftCopilot from './microsoft-copilot.json';
import openai from './openai.json';
import openbmb from './openbmb.json';
import opencode from './opencode.json';
import openrouter from './openrouter.json';
import xai from './xai.json';
import zed from './zed.json';

export const RULE_FILES: readonly unknown[] = [
  anthropic,
  anyService,
  apple,
  awsBedrock,
  cloudflare,
  cursor,
  githubCopilot,
  google,
  lobechat,
  meta,
  microsoftAzure,
  microsoftCopilot,
  openai,
  openbmb,
  opencode,
  openrouter,
  xai,
  zed,
];
