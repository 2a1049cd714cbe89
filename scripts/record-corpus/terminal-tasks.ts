/**
 * The terminal corpus' scripted agents: task families a terminal agent meets (files, text tools, git, Python,
 * package queries that fail offline, /etc, long outputs, interactive programs, jobs and signals, archives),
 * each drawn with seeded names and contents so no two sessions are the same. Actions are Terminus keystroke
 * batches; most sessions end with Terminus' completion (`task_complete`, confirmed on the next turn).
 */
import { type SeededRandom, WORDS } from './random.js';
import type { CorpusScenario } from './scenario.js';

interface Keystroke {
  readonly keystrokes: string;
  readonly duration: number;
}

/** A command typed and run (Enter), with the time the agent is willing to wait for it. */
function run(command: string, duration = 1): Keystroke[] {
  return [{ keystrokes: `${command}\n`, duration }];
}

/** Keys typed without Enter (a tmux key name such as `C-c` or `C-d`, or text for a program waiting on input). */
function keys(text: string, duration = 0.5): Keystroke[] {
  return [{ keystrokes: text, duration }];
}

const COMPLETE = {
  analysis: 'The task is done.',
  plan: 'Mark it complete.',
  commands: [],
  task_complete: true,
};

function finish(random: SeededRandom): unknown[] {
  // Half the agents finish with the two-step Terminus completion, half just stop.
  return random.next() < 0.5 ? [COMPLETE, COMPLETE] : [];
}

type Family = (random: SeededRandom) => { task: string; actions: unknown[] };

const files: Family = (random) => {
  const folder = random.pick(WORDS);
  const [first, second] = random.sample(WORDS, 2) as [string, string];
  const lines = random.sample(WORDS, random.integer(3, 7));
  return {
    task: `In /workspace make a folder ${folder} with ${first}.txt listing some words, copy it and compare the copies.`,
    actions: [
      run(`mkdir -p ${folder}/old && cd ${folder}`),
      run(`printf '${lines.join('\\n')}\\n' > ${first}.txt`),
      run(`cat ${first}.txt`),
      [...run(`cp ${first}.txt old/${second}.txt`), ...run(`echo ${random.pick(WORDS)} >> ${first}.txt`)],
      run(`diff ${first}.txt old/${second}.txt; echo "diff exit $?"`),
      run('ls -R'),
      run(`wc -lc ${first}.txt old/${second}.txt`),
      run(`mv old/${second}.txt . && rmdir old && ls`),
      run(`cat ${random.pick(WORDS)}.md`),
      ...finish(random),
    ],
  };
};

const textTools: Family = (random) => {
  const rows = Array.from({ length: random.integer(6, 12) }, () =>
    [random.pick(WORDS), random.integer(1, 99), random.pick(['north', 'south', 'east', 'west'])].join(','),
  );
  const file = `${random.pick(WORDS)}.csv`;
  return {
    task: `Summarise the sales in ${file}: the regions, the largest amounts and a count per region.`,
    actions: [
      run(`printf 'name,amount,region\\n${rows.join('\\n')}\\n' > ${file}`),
      run(`head -n 4 ${file}; tail -n 2 ${file}`),
      run(`cut -d, -f3 ${file} | tail -n +2 | sort | uniq -c | sort -rn`),
      run(`sort -t, -k2 -n -r ${file} | head -n 3`),
      run(`awk -F, 'NR>1 {total += $2} END {print "total", total}' ${file}`),
      run(`sed -n '2,4p' ${file} | tr a-z A-Z`),
      run(`grep -c ${random.pick(['north', 'south', 'east', 'west'])} ${file}`),
      run(`awk -F, '{print $5}' ${file} | sort -u | wc -l`),
      ...finish(random),
    ],
  };
};

const git: Family = (random) => {
  const project = random.pick(WORDS);
  const branch = `feature-${random.pick(WORDS)}`;
  const [one, two] = random.sample(WORDS, 2) as [string, string];
  return {
    task: `Start a git repository for ${project}, commit a README, work on a branch ${branch} and merge it.`,
    actions: [
      run(
        `mkdir ${project} && cd ${project} && git init -q && git config user.email dev@example.com && git config user.name Dev`,
      ),
      run(
        `echo '# ${project}' > README.md && git add README.md && git commit -q -m 'Add README' && git log --oneline | wc -l`,
      ),
      run('git status --short --branch'),
      run(
        `git checkout -q -b ${branch} && echo ${one} > ${one}.txt && git add . && git commit -q -m 'Add ${one}'`,
      ),
      run('git branch'),
      run(`git checkout -q - && echo ${two} >> README.md && git diff --stat`),
      run(`git commit -q -am 'Mention ${two}' && git merge --no-edit -q ${branch} && ls`),
      run('git log --format=%s'),
      run(`git show --stat HEAD~5`),
      run(`git checkout ${random.pick(WORDS)}-missing`),
      ...finish(random),
    ],
  };
};

const python: Family = (random) => {
  const name = random.pick(WORDS);
  const count = random.integer(3, 9);
  return {
    task: `Write ${name}.py that prints the first ${count} squares, run it, then fix a script that crashes.`,
    actions: [
      run(`printf 'for i in range(${count}):\\n    print(i, i * i)\\n' > ${name}.py`),
      run(`python3 ${name}.py`, 2),
      run(`printf 'items = [1, 2]\\nprint(items[${count}])\\n' > broken.py && python3 broken.py`, 2),
      run(`sed -i 's/items\\[${count}\\]/items[-1]/' broken.py && python3 broken.py`, 2),
      run(`python3 -c 'import json; print(json.dumps({"${name}": ${count}}, indent=2))'`, 2),
      run(`python3 -c 'import ${name}_missing'`, 2),
      run('python3 --version'),
      ...finish(random),
    ],
  };
};

const offlinePackages: Family = (random) => {
  const pythonPackage = random.pick(['requests', 'numpy', 'rich', 'flask', 'pyyaml', 'httpx']);
  const debianPackage = random.pick(['bash', 'git', 'coreutils', 'python3', 'tar', 'grep', 'sed']);
  const site = random.pick(['example.com', 'pypi.org', 'deb.debian.org', 'github.com']);
  const tries = [
    run(`pip3 install --retries 0 --timeout 2 ${pythonPackage}`, 20),
    run(`curl -sS --max-time 5 https://${site}/ | head -n 3`, 10),
    run(`wget -q -T 3 -t 1 -O- http://${site}/ | head -n 3; echo "wget exit $?"`, 10),
    run('apt-get update', 10),
    run(`apt-get install -y ${random.pick(['tree', 'htop', 'ripgrep', 'nano'])}`, 10),
  ];
  return {
    task: `Find out what is installed (${debianPackage}, Python packages) and try to install ${pythonPackage}.`,
    actions: [
      run(`dpkg -s ${debianPackage} | head -n 8`),
      run(`apt-cache policy ${debianPackage} | head -n 4`, 3),
      run(`dpkg -L ${debianPackage} | grep bin/ | head -n 5`),
      ...random.sample(tries, 3),
      run(`python3 -c 'import ${pythonPackage}'`, 3),
      run(`command -v ${random.pick(['tree', 'htop', 'rg', 'nano', 'vim'])} || echo not installed`),
      ...finish(random),
    ],
  };
};

const etcFiles: Family = (random) => {
  const reads = [
    run('cat /etc/os-release'),
    run('grep -E "^(root|nobody)" /etc/passwd'),
    run('cut -d: -f1 /etc/group | sort | head -n 8'),
    run('head -n 15 /etc/services'),
    run(`grep -w ${random.pick(['ssh', 'http', 'https', 'smtp', 'domain', 'ntp'])} /etc/services`),
    run('wc -l /etc/protocols /etc/services'),
    run('ls /etc | head -n 20'),
    run('cat /etc/debian_version'),
    run('cat /etc/shells'),
    run('grep -v "^#" /etc/nsswitch.conf | grep -v "^$"'),
  ];
  return {
    task: 'Describe this machine from its /etc files: the distribution, users, groups, shells and services.',
    actions: [
      ...random.sample(reads, random.integer(5, 8)),
      run('echo changed > /etc/motd'),
      ...finish(random),
    ],
  };
};

const longOutput: Family = (random) => {
  const limit = random.integer(300, 3000);
  const outputs = [
    run(`seq 1 ${limit}`),
    run(
      `python3 -c 'for i in range(${random.integer(100, 400)}): print(i, hex(i * ${random.integer(3, 97)}))'`,
      2,
    ),
    run('ls -R /usr/share/doc | head -n 400'),
    run(`cat /usr/share/common-licenses/${random.pick(['GPL-3', 'Apache-2.0', 'MPL-2.0', 'LGPL-2.1'])}`),
    run(`yes ${random.pick(WORDS)} | head -n ${random.integer(100, 500)}`),
    run(`find /usr/lib/python3* -maxdepth 1 -name '*.py' | sort | head -n ${random.integer(50, 200)}`),
    run('env | sort'),
  ];
  return {
    task: 'Produce some long listings and check their ends and sizes.',
    actions: [
      ...random.sample(outputs, 3),
      run(`seq 1 ${limit} | tail -n 3`),
      run(`seq 1 ${limit} | wc -l`),
      run('clear'),
      ...finish(random),
    ],
  };
};

const interactive: Family = (random) => {
  const name = random.pick(WORDS);
  const programs: unknown[][] = [
    [
      run('python3 -q', 2),
      keys(`x = ${random.integer(2, 30)}\n`),
      keys('print(x * x)\n'),
      keys('import missing_module\n'),
      keys('exit()\n'),
    ],
    [
      run(`cat > ${name}.txt`),
      keys(`${random.pick(WORDS)}\n`),
      keys(`${random.pick(WORDS)}\n`),
      keys('C-d'),
      run(`cat ${name}.txt`),
    ],
    [run('read -r -p "Your name: " who'), keys(`${name}\n`), run('echo "hello $who"')],
    [
      run('bc -q'),
      keys(`${random.integer(2, 99)} * ${random.integer(2, 99)}\n`),
      keys('scale=3; 1/7\n'),
      keys('quit\n'),
    ],
    [run(`seq 1 500 > ${name}.txt && less ${name}.txt`), keys(' '), keys('G'), keys('q')],
    [run('sqlite3'), keys('select 6 * 7;\n'), keys('.quit\n')],
    [run('python3 -c "input(\'continue? \')"'), keys('C-c')],
  ];
  return {
    task: 'Use a few interactive programs (a Python prompt, a calculator, a pager) and leave each cleanly.',
    actions: [...random.sample(programs, 3).flat(), ...finish(random)],
  };
};

const jobs: Family = (random) => {
  const seconds = random.integer(20, 120);
  return {
    task: 'Run long commands in the background and in the foreground, and stop them.',
    actions: [
      run(`sleep ${seconds} &`),
      run('jobs'),
      run('kill %1; sleep 0.2; jobs'),
      run(`sleep ${seconds}`, 1),
      keys('C-c'),
      run('echo "exit status $?"'),
      run(`for i in $(seq 1 ${random.integer(3, 6)}); do echo step $i; sleep 0.2; done`, 3),
      run(`timeout 1 sleep ${seconds}; echo "timeout said $?"`, 3),
      [{ keystrokes: '', duration: 1 }],
      ...finish(random),
    ],
  };
};

const archives: Family = (random) => {
  const folder = random.pick(WORDS);
  const names = random.sample(WORDS, 3);
  return {
    task: `Pack the folder ${folder} into a tarball, list it, unpack it elsewhere and verify checksums.`,
    actions: [
      run(`mkdir ${folder} && for n in ${names.join(' ')}; do echo $n > ${folder}/$n.txt; done`),
      run(`tar czf ${folder}.tar.gz ${folder} && tar tzf ${folder}.tar.gz | sort`),
      run(`mkdir out && tar xzf ${folder}.tar.gz -C out && ls out/${folder}`),
      run(`sha256sum ${folder}/${names[0]}.txt out/${folder}/${names[0]}.txt`),
      run(`gzip -k ${folder}/${names[1]}.txt && gunzip -c ${folder}/${names[1]}.txt.gz`),
      run(`base64 ${folder}/${names[2]}.txt | base64 -d`),
      run(`zip -qr ${folder}.zip ${folder} && unzip -l ${folder}.zip | tail -n 1`),
      run(`tar xzf missing.tar.gz`),
      ...finish(random),
    ],
  };
};

const shellScripting: Family = (random) => {
  const name = random.pick(WORDS);
  const limit = random.integer(3, 8);
  return {
    task: `Write a shell script ${name}.sh with a loop and a function, make it executable and run it.`,
    actions: [
      run(
        `printf '#!/bin/bash\\nset -e\\ngreet() { echo "hi $1"; }\\nfor i in $(seq 1 ${limit}); do greet $i; done\\n' > ${name}.sh`,
      ),
      run(`./${name}.sh`),
      run(`chmod +x ${name}.sh && ./${name}.sh | tail -n 2`),
      run(`bash -n ${name}.sh && echo syntax ok`),
      run(
        `printf 'if [ -z "$1" ]; then echo "usage: $0 NAME" >&2; exit 2; fi\\n' > check.sh && bash check.sh; echo "status $?"`,
      ),
      run('type cd ls greet'),
      run(`alias ll='ls -l' && alias ll`),
      ...finish(random),
    ],
  };
};

const systemInfo: Family = (random) => {
  const reads = [
    run('uname -s -m'),
    run('id'),
    run('whoami'),
    run('ps -o pid,comm'),
    run('df -h /workspace'),
    run('ulimit -a | head -n 8'),
    run('nproc'),
    run(`echo $SHELL $HOME $PWD`),
    run('umask'),
    run('ls -ld /workspace /tmp /root'),
    run('touch /usr/local/probe'),
    run(`mkdir -p /workspace/${random.pick(WORDS)} && ls /workspace`),
  ];
  return {
    task: 'Report who you are on this machine, what limits apply and where you may write.',
    actions: [...random.sample(reads, random.integer(6, 9)), ...finish(random)],
  };
};

export const TERMINAL_FAMILIES: Readonly<Record<string, Family>> = {
  files,
  'text-tools': textTools,
  git,
  python,
  'offline-packages': offlinePackages,
  'etc-files': etcFiles,
  'long-output': longOutput,
  interactive,
  jobs,
  archives,
  'shell-scripting': shellScripting,
  'system-info': systemInfo,
};

/** `perFamily` sessions of every family, each seeded by its name. */
export function terminalScenarios(
  perFamily: number,
  random: (name: string) => SeededRandom,
): CorpusScenario[] {
  const scenarios: CorpusScenario[] = [];
  for (const [family, make] of Object.entries(TERMINAL_FAMILIES)) {
    for (let index = 0; index < perFamily; index++) {
      const { task, actions } = make(random(`terminal/${family}/${index}`));
      scenarios.push({ id: `terminal-${family}-${index + 1}`, family, task, actions });
    }
  }
  return scenarios;
}
