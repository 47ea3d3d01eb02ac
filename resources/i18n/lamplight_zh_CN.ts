<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupClassDialog</name>
    <message>
        <source>Add a class from a backup</source>
        <translation>从备份添加班级</translation>
    </message>
    <message>
        <source>The backup of {made} holds these classes. Choose one to add to this laptop as a new class: nothing here is replaced.</source>
        <translation>{made} 的备份中有以下班级。选择一个，作为新班级添加到这台电脑：这里已有的内容都不会被替换。</translation>
    </message>
    <message>
        <source>{file} holds these classes. Choose one to add to this laptop as a new class: nothing here is replaced.</source>
        <translation>{file} 中有以下班级。选择一个，作为新班级添加到这台电脑：这里已有的内容都不会被替换。</translation>
    </message>
    <message>
        <source>{counts}, {waiting} to mark</source>
        <translation>{counts}，{waiting} 条待批</translation>
    </message>
    <message>
        <source>{counts}; left out, as deleted on this laptop: {names}</source>
        <translation>{counts}；不会加入（曾在这台电脑上被删除）：{names}</translation>
    </message>
    <message>
        <source>{name}: {counts}</source>
        <translation>{name}：{counts}</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <source>Name on this laptop:</source>
        <translation>在这台电脑上的名称：</translation>
    </message>
    <message>
        <source>The backup is encrypted and the data on this laptop is not: the class will be kept here without encryption. Settings → “Encrypt the data…” protects it.</source>
        <translation>这个备份是加密的，而这台电脑上的数据没有加密：班级在这里将不加密保存。可在“设置”→“加密数据…”中加以保护。</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>添加班级</translation>
    </message>
    <message>
        <source>{students}, {answers}, {quizzes}</source>
        <translation>{students}，{answers}，{quizzes}</translation>
    </message>
    <message>
        <source>1 student</source>
        <translation>1 名学生</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} 名学生</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 个作答</translation>
    </message>
    <message>
        <source>{count} answers</source>
        <translation>{count} 个作答</translation>
    </message>
    <message>
        <source>1 quiz</source>
        <translation>1 次测验</translation>
    </message>
    <message>
        <source>{count} quizzes</source>
        <translation>{count} 次测验</translation>
    </message>
    <message>
        <source>{name} ({number})</source>
        <translation>{name}（{number}）</translation>
    </message>
    <message>
        <source>“{name}” on this laptop has the same students: was this class added before? Adding it again makes a second copy.</source>
        <translation>这台电脑上的“{name}”有相同的学生：这个班级以前是否已经添加过？再次添加会多出一份副本。</translation>
    </message>
    <message>
        <source>Type a name for the class.</source>
        <translation>请输入班级名称。</translation>
    </message>
</context>
<context>
    <name>BankPage</name>
    <message>
        <source>Exercise bank</source>
        <translation>练习题库</translation>
    </message>
    <message>
        <source>Search exercises by text</source>
        <translation>按文字搜索练习</translation>
    </message>
    <message>
        <source>Skill:</source>
        <translation>知识点：</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Add exercise…</source>
        <translation>添加练习…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>New variants from a template…</source>
        <translation>用模板生成新题…</translation>
    </message>
    <message>
        <source>Add the starter exercises</source>
        <translation>添加内置练习</translation>
    </message>
    <message>
        <source>Primary-school mathematics that comes with Lamplight: skills with their prerequisites, exercises and templates for new variants.</source>
        <translation>Lamplight 自带的小学数学：知识点及其前置知识点、练习，以及用来生成新变式的模板。</translation>
    </message>
    <message>
        <source>Import pack…</source>
        <translation>导入题包…</translation>
    </message>
    <message>
        <source>Export pack…</source>
        <translation>导出题包…</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>A skill's prerequisites are the skills a student should master first. Lamplight suggests a skill only when its prerequisites are mastered.</source>
        <translation>前置知识点是学生应当先掌握的知识点。只有前置知识点都掌握了，Lamplight 才会推荐这个知识点。</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Prerequisites</source>
        <translation>前置知识点</translation>
    </message>
    <message>
        <source>Add skill…</source>
        <translation>添加知识点…</translation>
    </message>
    <message>
        <source>Edit skill…</source>
        <translation>编辑知识点…</translation>
    </message>
    <message>
        <source>Delete skill…</source>
        <translation>删除知识点…</translation>
    </message>
    <message>
        <source>All skills</source>
        <translation>全部知识点</translation>
    </message>
    <message>
        <source>The bank is empty. Press “Add the starter exercises” to get the primary-school mathematics that comes with Lamplight, import a pack, or add exercises yourself.</source>
        <translation>题库是空的。点“添加内置练习”即可获得 Lamplight 自带的小学数学练习；也可以导入题包，或自己添加练习。</translation>
    </message>
    <message>
        <source>{shown} of {total} exercises shown.</source>
        <translation>显示 {shown} 道练习（共 {total} 道）。</translation>
    </message>
    <message>
        <source>Mark again</source>
        <translation>重新批改</translation>
    </message>
    <message>
        <source>Mark them again</source>
        <translation>重新批改</translation>
    </message>
    <message>
        <source>Keep the old marks</source>
        <translation>保留原来的批改</translation>
    </message>
    <message>
        <source>Delete exercise</source>
        <translation>删除练习</translation>
    </message>
    <message>
        <source>Delete the exercise and its answers</source>
        <translation>删除这道练习和它的答案</translation>
    </message>
    <message>
        <source>Delete the exercise</source>
        <translation>删除这道练习</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>1 skill</source>
        <translation>1 个知识点</translation>
    </message>
    <message>
        <source>{count} skills</source>
        <translation>{count} 个知识点</translation>
    </message>
    <message>
        <source>1 exercise</source>
        <translation>1 道练习</translation>
    </message>
    <message>
        <source>{count} exercises</source>
        <translation>{count} 道练习</translation>
    </message>
    <message>
        <source>Pack imported: {skills} and {exercises} added, {known} already there (updated).</source>
        <translation>已导入题包：新增 {skills}和 {exercises}，更新了题库中原有的 {known} 道练习。</translation>
    </message>
    <message>
        <source>Add skill</source>
        <translation>添加知识点</translation>
    </message>
    <message>
        <source>Mark them right now? Mastery, next steps and reports follow the new marks.</source>
        <translation>现在把它们批为正确吗？掌握情况、下一步练习和报告都会随新的批改结果更新。</translation>
    </message>
    <message>
        <source>1 answer waiting in “Mark written answers” matches the new key.</source>
        <translation>“批改书面答案”中有 1 条等待批改的作答与新答案一致。</translation>
    </message>
    <message>
        <source>{count} answers waiting in “Mark written answers” match the new key.</source>
        <translation>“批改书面答案”中有 {count} 条等待批改的作答与新答案一致。</translation>
    </message>
    <message>
        <source>Mark them right</source>
        <translation>批为正确</translation>
    </message>
    <message>
        <source>Exercises</source>
        <comment>how many a skill has</comment>
        <translation>练习数</translation>
    </message>
    <message>
        <source>Add exercise</source>
        <translation>添加练习</translation>
    </message>
    <message>
        <source>The bank already has this question:

{prompt}

Add it again? Children's answers would be split between the two.</source>
        <translation>题库里已经有这道题：

{prompt}

还要再添加一次吗？学生的答案会分散在两道题里。</translation>
    </message>
    <message>
        <source>Add it again</source>
        <translation>再添加一次</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>A child gave 1 answer to “{old}”. It stays with this exercise, so its history and quizzes would show it under “{new}”. Change the words only to correct how the question is written; for another question, press Cancel and add a new exercise.</source>
        <translation>学生对“{old}”作答了 1 次。这次作答会留在这道练习下，所以作答记录和测验里会把它显示在“{new}”下面。只有在改正题目的写法时才修改文字；如果是另一道题，请按“取消”，再添加一道新练习。</translation>
    </message>
    <message>
        <source>Children gave {count} answers to “{old}”. They stay with this exercise, so its history and quizzes would show them under “{new}”. Change the words only to correct how the question is written; for another question, press Cancel and add a new exercise.</source>
        <translation>学生对“{old}”共作答了 {count} 次。这些作答会留在这道练习下，所以作答记录和测验里会把它们显示在“{new}”下面。只有在改正题目的写法时才修改文字；如果是另一道题，请按“取消”，再添加一道新练习。</translation>
    </message>
    <message>
        <source>Change the question</source>
        <translation>修改题目</translation>
    </message>
    <message>
        <source>Change the words</source>
        <translation>修改文字</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Mark it right now? Mastery, next steps and reports follow the new marks.</source>
        <translation>现在把它批为正确吗？掌握情况、下一步练习和报告都会随新的批改结果更新。</translation>
    </message>
    <message>
        <source>Mark it right</source>
        <translation>批为正确</translation>
    </message>
    <message>
        <source>{count} answers the children typed to this exercise were marked with the old answer key. With the new one, {right} would be right and {wrong} wrong. Mark them again with the new key? Mastery, next steps and reports follow the new marks.</source>
        <translation>孩子们输入的 {count} 条作答是按旧的答案批改的。按新的答案，其中 {right} 条对，{wrong} 条错。要按新的答案重新批改吗？掌握情况、下一步练习和报告都会随新的批改结果更新。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>Delete this exercise?

{prompt}

Students have given {count} answers to it. They will be deleted with it and will no longer count toward the students' mastery. This cannot be undone.</source>
        <translation>删除这道练习吗？

{prompt}

学生已经作答这道练习 {count} 次。这些答案会和它一起被删除，不再计入学生的掌握情况。删除后无法恢复。</translation>
    </message>
    <message>
        <source>Delete this exercise?

{prompt}

No student has answered it yet.</source>
        <translation>删除这道练习吗？

{prompt}

还没有学生做过这道练习。</translation>
    </message>
    <message>
        <source>“{quiz}” ({class_name})</source>
        <translation>“{quiz}”（{class_name}）</translation>
    </message>
    <message>
        <source>It is on these quizzes, which lose it and the marks given for it: {quizzes}.</source>
        <translation>它在以下测验中，删除后这些测验会失去这道题和它的分数：{quizzes}。</translation>
    </message>
    <message>
        <source>Name of the skill:</source>
        <translation>知识点名称：</translation>
    </message>
    <message>
        <source>Delete skill</source>
        <translation>删除知识点</translation>
    </message>
    <message>
        <source>Delete the skill “{name}”? No exercise practises it; it leaves the dashboard and the lists of skills.</source>
        <translation>删除知识点“{name}”吗？没有练习属于这个知识点；删除后它不再出现在班级概览和知识点列表中。</translation>
    </message>
    <message>
        <source>Delete the skill “{name}”? Its {count} exercises move to “{other}”, and the children's answers to them count toward it; “{name}” leaves the dashboard and the lists of skills.</source>
        <translation>删除知识点“{name}”吗？它的 {count} 道练习会移到“{other}”，孩子们对这些练习的作答计入那个知识点；“{name}”会从班级概览和知识点列表中去掉。</translation>
    </message>
    <message>
        <source>The skills that needed it ({later}) then need what it needed: {earlier}.</source>
        <translation>原本以它为前置知识点的知识点（{later}）将改用它的前置知识点：{earlier}。</translation>
    </message>
    <message>
        <source>The skills that needed it ({later}) then need no skill first.</source>
        <translation>原本以它为前置知识点的知识点（{later}）将不再有前置知识点。</translation>
    </message>
    <message>
        <source>Delete the skill</source>
        <translation>删除知识点</translation>
    </message>
    <message>
        <source>{count} exercises practise “{name}”. Before the skill is deleted they need another skill: choose it, or give each another skill yourself (Exercises → Edit…).</source>
        <translation>有 {count} 道练习属于“{name}”。删除这个知识点之前，要给它们换一个知识点：在下面选一个，或者自己逐一修改（练习 → 编辑…）。</translation>
    </message>
    <message>
        <source>Move them to:</source>
        <translation>移到：</translation>
    </message>
    <message>
        <source>Adding the starter exercises…</source>
        <translation>正在添加内置练习…</translation>
    </message>
    <message>
        <source>Import exercise pack</source>
        <translation>导入题包</translation>
    </message>
    <message>
        <source>Exercise packs (*.json);;All files (*)</source>
        <translation>题包 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing the pack…</source>
        <translation>正在导入题包…</translation>
    </message>
    <message>
        <source>This pack adds {count} exercises to the {bank} in the bank. With so many, the bank, New quiz and the student page take longer to open (a second or two). Import them?</source>
        <translation>这个题包会在题库已有的 {bank} 道练习之外再添加 {count} 道。练习这么多时，打开题库、新建测验和学生页面会慢一些（一两秒）。要导入吗？</translation>
    </message>
    <message>
        <source>Import them</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
    <message>
        <source>Pack imported: the bank already has its {count} exercises as the pack has them.</source>
        <translation>题包已导入：题库中已有它的 {count} 道题，与题包中的相同。</translation>
    </message>
    <message>
        <source>Nothing new: the bank already has this pack's {count} exercises as the pack has them.</source>
        <translation>没有新内容：题库里已经有这个题包的 {count} 道练习，和题包里的一样。</translation>
    </message>
    <message>
        <source>Exercise templates: {added} new, {changed} changed.</source>
        <translation>练习模板：新增 {added} 个，更改 {changed} 个。</translation>
    </message>
    <message>
        <source>{kept} that children have answered kept as they were: the pack gives them another answer, skill or kind (edit them yourself if the pack is right).</source>
        <translation>学生已作答的 {kept} 道练习保持原样：题包给了它们另一个答案、知识点或题型（如果题包是对的，请您自己修改这些练习）。</translation>
    </message>
    <message>
        <source>Import pack</source>
        <translation>导入题包</translation>
    </message>
    <message>
        <source>You have edited {count} of this pack's exercises. The pack has its own version of them.

Keep my edits: the pack's other exercises are brought up to date, the ones you edited stay as you edited them.
Replace: your edits of these exercises are lost.</source>
        <translation>这个题包里有 {count} 道练习您修改过，题包里是它们原来的版本。

保留我的修改：题包里的其他练习会更新，您修改过的练习保持您修改后的样子。
替换：您对这些练习的修改会丢失。</translation>
    </message>
    <message>
        <source>Keep my edits</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <source>Replace with the pack's version</source>
        <translation>换成题包里的版本</translation>
    </message>
    <message>
        <source>{kept} you edited kept as you edited them.</source>
        <translation>您修改过的 {kept} 道练习保持您修改后的样子。</translation>
    </message>
    <message>
        <source>Export exercise pack</source>
        <translation>导出题包</translation>
    </message>
    <message>
        <source>Exercise packs (*.json)</source>
        <translation>题包 (*.json)</translation>
    </message>
    <message>
        <source>exercises</source>
        <comment>a file name</comment>
        <translation>练习题包</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Exported exercise bank</source>
        <translation>导出的练习题库</translation>
    </message>
    <message>
        <source>Exporting the pack…</source>
        <translation>正在导出题包…</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>There are no exercise templates yet. They come with the starter pack.</source>
        <translation>还没有练习模板。模板随内置练习提供。</translation>
    </message>
</context>
<context>
    <name>ChildQuizDialog</name>
    <message>
        <source>{name}: {quiz}</source>
        <translation>{name}：{quiz}</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Wrote</source>
        <translation>学生的答案</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>批改</translation>
    </message>
    <message>
        <source>Answer key</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <source>Absent for this quiz.</source>
        <translation>这次测验缺席。</translation>
    </message>
    <message>
        <source>Total: {total} of {count} questions marked ({percent}%).</source>
        <translation>总分：已批改 {count} 道题，得 {total} 分（{percent}%）。</translation>
    </message>
    <message>
        <source>No marks entered yet.</source>
        <translation>还没有录入成绩。</translation>
    </message>
    <message>
        <source>Answers waiting in “Mark written answers”: {count}.</source>
        <translation>在“批改书面答案”中等待批改的答案：{count} 个。</translation>
    </message>
    <message>
        <source>to mark</source>
        <translation>待批改</translation>
    </message>
    <message>
        <source>you mark it</source>
        <translation>由老师批改</translation>
    </message>
    <message>
        <source>Q{number}: {prompt}</source>
        <translation>第{number}题：{prompt}</translation>
    </message>
    <message>
        <source>{letter}: {choice}</source>
        <translation>{letter}：{choice}</translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <source>{names} and {count} more children</source>
        <translation>{names}，以及另外 {count} 人</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names}，以及另外 {count} 个</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……还有 {count} 条</translation>
    </message>
    <message>
        <source>Classes &amp; students</source>
        <translation>班级和学生</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Show archived classes</source>
        <translation>显示已归档的班级</translation>
    </message>
    <message>
        <source>New class…</source>
        <translation>新建班级…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Add a class from a backup…</source>
        <translation>从备份添加班级…</translation>
    </message>
    <message>
        <source>Bring one class from a backup file (a colleague's laptop, or an earlier backup of this one) without replacing anything here.</source>
        <translation>从备份文件（同事的电脑，或这台电脑以前的备份）中取回一个班级，不替换这里的任何内容。</translation>
    </message>
    <message>
        <source>Delete class…</source>
        <translation>删除班级…</translation>
    </message>
    <message>
        <source>Delete an archived class with all its students and answers (asks first). Archive a class first: an archived class is kept until you delete it.</source>
        <translation>删除一个已归档的班级及其所有学生和作答（会先询问）。请先归档班级：已归档的班级会一直保留，直到您删除它。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>作答数</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>Add student…</source>
        <translation>添加学生…</translation>
    </message>
    <message>
        <source>Student number…</source>
        <translation>学号…</translation>
    </message>
    <message>
        <source>Move to class…</source>
        <translation>转到其他班级…</translation>
    </message>
    <message>
        <source>Delete with all their data…</source>
        <translation>删除（含全部数据）…</translation>
    </message>
    <message>
        <source>Import roster (CSV)…</source>
        <translation>导入名单（CSV）…</translation>
    </message>
    <message>
        <source>Import answers (CSV)…</source>
        <translation>导入作答（CSV）…</translation>
    </message>
    <message>
        <source>Answers saved by another program as a CSV file: one line per answer, saying the student, the exercise, its skills and whether it was right.</source>
        <translation>由其他程序保存的答题记录（CSV 文件）：每行一个答案，写明学生、练习题、所属知识点以及是否答对。</translation>
    </message>
    <message>
        <source>Make a group of them…</source>
        <translation>把他们编成一组…</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Groups are for working together. Select students on the Students tab, then make a group of them.</source>
        <translation>小组用于合作学习。先在“学生”标签页中选中学生，再用他们组成小组。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>New group from selected students…</source>
        <translation>用选中的学生新建小组…</translation>
    </message>
    <message>
        <source>Rename group…</source>
        <translation>重命名小组…</translation>
    </message>
    <message>
        <source>Change members…</source>
        <translation>更改组员…</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除小组</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Every class is archived. Tick “Show archived classes” to see them and restore one, or press “New class…” to make a new one.</source>
        <translation>所有班级都已归档。勾选“显示已归档的班级”即可查看并恢复，或按“新建班级…”新建一个班级。</translation>
    </message>
    <message>
        <source>No class yet. Press “New class…” to make one, then add students or import a roster.</source>
        <translation>还没有班级。请点击“新建班级…”创建一个，然后添加学生或导入名单。</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>{count} students in {name}, archived: it is kept as it was. Press “Restore” to change it.</source>
        <translation>{name}共有 {count} 名学生，已归档：班级保持原样。要修改，请按“恢复”。</translation>
    </message>
    <message>
        <source>1 student in {name}. Double-click the name to correct it.</source>
        <translation>{name}共有 1 名学生。双击姓名可以修改。</translation>
    </message>
    <message>
        <source>{count} students in {name}. Double-click a name to correct it.</source>
        <translation>{name}共有 {count} 名学生。双击姓名可以修改。</translation>
    </message>
    <message>
        <source>{name} has no students yet. Press “Add student…”, or “Import roster (CSV)…” to add a whole list at once.</source>
        <translation>{name} 还没有学生。请点击“添加学生…”，或用“导入名单（CSV）…”一次添加整个名单。</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>新建班级</translation>
    </message>
    <message>
        <source>Name of the class (for example “Year 4 Blue”):</source>
        <translation>班级名称（例如“三年级二班”）：</translation>
    </message>
    <message>
        <source>Add a class from a backup</source>
        <translation>从备份添加班级</translation>
    </message>
    <message>
        <source>Reading the backup…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <source>This backup holds no class.</source>
        <translation>这个备份中没有班级。</translation>
    </message>
    <message>
        <source>Adding the class…</source>
        <translation>正在添加班级…</translation>
    </message>
    <message>
        <source>Class “{name}” added: {counts}.</source>
        <translation>已添加班级“{name}”：{counts}。</translation>
    </message>
    <message>
        <source>1 exercise this laptop did not have came with it.</source>
        <translation>这台电脑原来没有的 1 道练习题也一起添加了。</translation>
    </message>
    <message>
        <source>{count} exercises this laptop did not have came with it.</source>
        <translation>这台电脑原来没有的 {count} 道练习题也一起添加了。</translation>
    </message>
    <message>
        <source>1 exercise is different on this laptop: this laptop's version is kept.</source>
        <translation>有 1 道练习题在这台电脑上的版本不同：保留这台电脑上的版本。</translation>
    </message>
    <message>
        <source>{count} exercises are different on this laptop: this laptop's versions are kept.</source>
        <translation>有 {count} 道练习题在这台电脑上的版本不同：保留这台电脑上的版本。</translation>
    </message>
    <message>
        <source>Left out, as they were deleted on this laptop: {names}.</source>
        <translation>以下学生曾在这台电脑上被删除，没有加入：{names}。</translation>
    </message>
    <message>
        <source>The model gets to know the class in the background, as for a new class.</source>
        <translation>模型会像对待新班级一样，在后台熟悉这个班级。</translation>
    </message>
    <message>
        <source>Rename class</source>
        <translation>重命名班级</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Archive class</source>
        <translation>归档班级</translation>
    </message>
    <message>
        <source>Archive {name}? It disappears from the class list but nothing is deleted; you can restore it later.</source>
        <translation>归档“{name}”吗？它会从班级列表中隐藏，但不会删除任何数据；以后可以恢复。</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>删除班级</translation>
    </message>
    <message>
        <source>Delete the class “{name}” with its {count} students, their answers, quizzes and groups? This cannot be undone (except by restoring a backup): the laptop's backups hold the class until they are replaced by newer ones.</source>
        <translation>要删除班级“{name}”及其 {count} 名学生、他们的作答、测验和小组吗？此操作无法撤销（恢复备份除外）：这台电脑的备份会保留这个班级，直到被更新的备份取代。</translation>
    </message>
    <message>
        <source>Delete the class</source>
        <translation>删除班级</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Deleting the class…</source>
        <translation>正在删除班级…</translation>
    </message>
    <message>
        <source>Class “{name}” deleted.</source>
        <translation>已删除班级“{name}”。</translation>
    </message>
    <message>
        <source>Add student</source>
        <translation>添加学生</translation>
    </message>
    <message>
        <source>Student's name:</source>
        <translation>学生姓名：</translation>
    </message>
    <message>
        <source>{class_name} already has a student called “{name}”. Two children of one name are hard to tell apart on the dashboard and on printouts: you could add a letter or a number (for example “{name} B”).</source>
        <translation>{class_name}已经有一位叫“{name}”的学生。两个同名的孩子在班级概览和打印件上很难区分：可以在名字后加上区分的字（例如“{name}（小）”），或者给他们填上学号。</translation>
    </message>
    <message>
        <source>Change the name…</source>
        <translation>修改名字…</translation>
    </message>
    <message>
        <source>{name}'s student number (empty: none):</source>
        <translation>{name}的学号（留空表示没有学号）：</translation>
    </message>
    <message>
        <source>A student number has at most {count} characters.</source>
        <translation>学号最多 {count} 个字符。</translation>
    </message>
    <message>
        <source>{name} has the student number {number} already.</source>
        <translation>学号 {number} 已被{name}使用。</translation>
    </message>
    <message>
        <source>Move to another class</source>
        <translation>转到其他班级</translation>
    </message>
    <message>
        <source>{name} of {class_name} has the student number {number} already: change one of the numbers first. Nobody was moved.</source>
        <translation>学号 {number} 已被{class_name}的{name}使用：请先改掉其中一个学号。没有转出任何学生。</translation>
    </message>
    <message>
        <source>{class_name} already has a student called “{name}”. Two children of one name are hard to tell apart on the dashboard and on printouts.</source>
        <translation>{class_name}已经有一位叫“{name}”的学生。两个同名的孩子在班级概览和打印件上很难区分。</translation>
    </message>
    <message>
        <source>Move “{name}” anyway</source>
        <translation>仍然转入“{name}”</translation>
    </message>
    <message>
        <source>{names} moved to {class_name}.</source>
        <translation>{names}已转到{class_name}。</translation>
    </message>
    <message>
        <source>A child of the same name or student number is also in {classes}: if it is the same child, delete them there too.</source>
        <translation>班级{classes}中也有同名或同学号的孩子：如果是同一个孩子，请在那里也删除。</translation>
    </message>
    <message>
        <source>Its quizzes ({titles}) then show the whole class.</source>
        <translation>给这个小组的测验（{titles}）之后会显示全班。</translation>
    </message>
    <message>
        <source>Add a second “{name}”</source>
        <translation>再添加一位“{name}”</translation>
    </message>
    <message>
        <source>Rename student</source>
        <translation>修改学生姓名</translation>
    </message>
    <message>
        <source>Rename to “{name}” anyway</source>
        <translation>仍然改名为“{name}”</translation>
    </message>
    <message>
        <source>Delete students</source>
        <translation>删除学生</translation>
    </message>
    <message>
        <source>Delete {names} and ALL their answers and reports? This cannot be undone (except by restoring a backup).</source>
        <translation>删除{names}及其全部作答和报告吗？此操作无法撤销（除非恢复备份）。</translation>
    </message>
    <message>
        <source>No class can be taken from this file: it is not a Lamplight backup, it is damaged, or it was made by a newer Lamplight.</source>
        <translation>无法从这个文件中取出班级：它不是 Lamplight 备份、已经损坏，或由更新版本的 Lamplight 生成。</translation>
    </message>
    <message>
        <source>The class was not added.</source>
        <translation>班级没有添加。</translation>
    </message>
    <message>
        <source>{name} is added. The next student's name (empty, or Cancel, when you are done):</source>
        <translation>已添加{name}。请输入下一个学生的姓名（输入完毕时留空或按“取消”）：</translation>
    </message>
    <message>
        <source>They leave their groups in {class_name}.</source>
        <translation>学生将退出{class_name}的小组。</translation>
    </message>
    <message>
        <source>{class_name} – left</source>
        <comment>the archived class of the children who left a class</comment>
        <translation>{class_name}（已离开）</translation>
    </message>
    <message>
        <source>Left the school (kept in the archived class “{leavers}”)</source>
        <translation>已离校（保留在已归档的班级“{leavers}”中）</translation>
    </message>
    <message>
        <source>{names} left the class; their work is kept in “{leavers}” (archived).</source>
        <translation>{names}已离开本班，答题记录保留在“{leavers}”（已归档）中。</translation>
    </message>
    <message>
        <source>A backup on this laptop still holds {names}: remove them from it too?</source>
        <translation>这台电脑上有 1 个备份里还有{names}的数据：也从这个备份中删除吗？</translation>
    </message>
    <message>
        <source>{count} backups on this laptop still hold {names}: remove them from those backups too?</source>
        <translation>这台电脑上的 {count} 个备份里还有{names}的数据：也从这些备份中删除吗？</translation>
    </message>
    <message>
        <source>The rest of each backup is kept. Copies saved elsewhere, on a USB stick say, are not changed. This can also be done later, with Deleted children in Settings.</source>
        <translation>每个备份的其余内容都会保留。保存在别处（例如 U 盘）的副本不会改变。以后也可以在“设置”中用“已删除的学生…”来做。</translation>
    </message>
    <message>
        <source>Remove from the backups</source>
        <translation>也从备份中删除</translation>
    </message>
    <message>
        <source>Keep the backups as they are</source>
        <translation>备份保持不变</translation>
    </message>
    <message>
        <source>Removing from the backups…</source>
        <translation>正在从备份中删除…</translation>
    </message>
    <message>
        <source>Removed {names} from the backup.</source>
        <translation>已从 1 个备份中删除{names}。</translation>
    </message>
    <message>
        <source>Removed {names} from {count} backups.</source>
        <translation>已从 {count} 个备份中删除{names}。</translation>
    </message>
    <message>
        <source>Looking in the backups…</source>
        <translation>正在查看备份…</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>Import answers</source>
        <translation>导入作答</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.csv.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
    <message>
        <source>Reading the answers…</source>
        <translation>正在读取作答…</translation>
    </message>
    <message>
        <source>“{in_file}” in the file is “{in_class}” in the class</source>
        <translation>文件中的“{in_file}”在本班是“{in_class}”</translation>
    </message>
    <message>
        <source>The file gives student numbers of this class to other names:
{pairs}

Their answers would go to the class's students with those numbers. If the file is from another class, or the numbers were given out again, press Cancel: nothing is imported.</source>
        <translation>文件把本班的学号用在了别的名字上：
{pairs}

这些作答会记到本班持有这些学号的学生名下。如果文件来自另一个班级，或者学号重新分配过，请按“取消”：什么都不会导入。</translation>
    </message>
    <message>
        <source>Import them for the class's students</source>
        <translation>仍然导入给本班的这些学生</translation>
    </message>
    <message>
        <source>Answers in the file: {answers}</source>
        <translation>文件中的作答：{answers} 条</translation>
    </message>
    <message>
        <source>Found by name: {names} (the file's ids are kept, so the next file finds them by id)</source>
        <translation>按姓名找到：{names}（会记下文件中的编号，下次的文件就能按编号找到他们）</translation>
    </message>
    <message>
        <source>New students ({count}): {names}</source>
        <translation>新学生（{count} 名）：{names}</translation>
    </message>
    <message>
        <source>New exercises, marked by you ({count}): {names}</source>
        <translation>新练习，由您批改（{count} 道）：{names}</translation>
    </message>
    <message>
        <source>The file has only their ids, so they stay off worksheets, quizzes and next steps until you write their question in the Exercise bank; their answers count at once.</source>
        <translation>文件里只有这些练习题的编号，所以在您到“练习题库”里写好题目之前，它们不会出现在练习单、测验和下一步练习中；它们的作答会立即计入。</translation>
    </message>
    <message>
        <source>If a new student is a child already in the class under another name, press Cancel, make the names the same, and import again.</source>
        <translation>如果某个“新学生”其实是班里已有的孩子、只是名字写法不同，请按“取消”，把名字改成一样后再导入。</translation>
    </message>
    <message>
        <source>Add them and import</source>
        <translation>添加并导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Move {names} to which class? Their answers and reports go with them; their marks stay on {class_name}'s paper quizzes, where they still show.</source>
        <translation>把{names}转到哪个班级？答题记录和报告会一起转过去；测验分数留在{class_name}的纸笔测验里，在那里仍然可以看到。</translation>
    </message>
    <message>
        <source>Class lists: CSV, or Excel's Unicode text (*.csv *.txt);;All files (*)</source>
        <translation>班级名单：CSV 或 Excel 的 Unicode 文本 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This file would add new students, exercises or skills to {name}. Add them?</source>
        <translation>这个文件会给{name}添加新的学生、练习或知识点。要添加吗？</translation>
    </message>
    <message>
        <source>Students of the file already in the class: {count}</source>
        <translation>文件中已在本班的学生：{count}</translation>
    </message>
    <message>
        <source>New skills ({count}): {names}</source>
        <translation>新知识点（{count} 个）：{names}</translation>
    </message>
    <message>
        <source>Importing answers…</source>
        <translation>正在导入作答…</translation>
    </message>
    <message>
        <source>Import cancelled: no answer was imported.</source>
        <translation>已取消导入：没有导入任何作答。</translation>
    </message>
    <message>
        <source>1 answer imported</source>
        <translation>已导入 1 条作答</translation>
    </message>
    <message>
        <source>{count} answers imported</source>
        <translation>已导入 {count} 条作答</translation>
    </message>
    <message>
        <source>1 new student</source>
        <translation>1 名新学生</translation>
    </message>
    <message>
        <source>{count} new students</source>
        <translation>{count} 名新学生</translation>
    </message>
    <message>
        <source>1 new exercise</source>
        <translation>1 道新练习</translation>
    </message>
    <message>
        <source>{count} new exercises</source>
        <translation>{count} 道新练习</translation>
    </message>
    <message>
        <source>{answers}; {students} and {exercises} were added.</source>
        <translation>{answers}；添加了 {students}、{exercises}。</translation>
    </message>
    <message>
        <source>1 answer of the file was in the class already and was not added again.</source>
        <translation>文件中有 1 个答案班里已经有了，没有重复添加。</translation>
    </message>
    <message>
        <source>{count} answers of the file were in the class already and were not added again.</source>
        <translation>文件中有 {count} 个答案班里已经有了，没有重复添加。</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建小组</translation>
    </message>
    <message>
        <source>First select the students of the group on the Students tab.</source>
        <translation>请先在“学生”标签页中选中小组成员。</translation>
    </message>
    <message>
        <source>Name of the group:</source>
        <translation>小组名称：</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>重命名小组</translation>
    </message>
    <message>
        <source>New name of the group:</source>
        <translation>小组的新名称：</translation>
    </message>
    <message>
        <source>Delete the group “{name}” (1 student)? The student stays in the class; only the group is deleted.</source>
        <translation>删除小组“{name}”（1 名学生）吗？学生仍在班级里，只删除这个小组。</translation>
    </message>
    <message>
        <source>Delete the group “{name}” ({count} students)? The students stay in the class; only the group is deleted.</source>
        <translation>删除小组“{name}”（{count} 名学生）吗？学生们仍在班级里，只删除这个小组。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Class dashboard</source>
        <translation>班级概览</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Mastery by student and skill</source>
        <translation>各学生各知识点的掌握情况</translation>
    </message>
    <message>
        <source>Colour: chance of success on the skill, from red (low) through amber to green (high); grey: no answers yet. ✓ marks a mastered skill. Click a student to open their page.</source>
        <translation>颜色表示该知识点的答对概率：从红色（低）经黄色到绿色（高）；灰色：尚无作答。✓ 表示已掌握。点击学生可打开其页面。</translation>
    </message>
    <message>
        <source>Needs help now</source>
        <translation>现在需要帮助</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Double-click a line to open that student's page.</source>
        <translation>双击一行即可打开该学生的页面。</translation>
    </message>
    <message>
        <source>Needs help, skill by skill</source>
        <translation>按知识点看谁需要帮助</translation>
    </message>
    <message>
        <source>{title}: the same needs counted per skill, the skill most children need help with first, for deciding what to teach again to a table of children.</source>
        <translation>{title}：把上面的名单按知识点汇总，需要帮助的学生最多的知识点排在最前，便于决定给哪些学生重新讲哪一部分。</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>哪些学生</translation>
    </message>
    <message>
        <source>Make a group of them…</source>
        <translation>把这些学生编成一组…</translation>
    </message>
    <message>
        <source>Choose a skill in the table above first.</source>
        <translation>请先在上面的表格中选择一个知识点。</translation>
    </message>
    <message>
        <source>Suggested groups</source>
        <translation>建议的分组</translation>
    </message>
    <message>
        <source>Next skill</source>
        <translation>下一个知识点</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Name of the group</source>
        <translation>小组名称</translation>
    </message>
    <message>
        <source>Save as group</source>
        <translation>保存为小组</translation>
    </message>
    <message>
        <source>Save the selected suggested group as a group of the class (Classes &amp; students → Groups).</source>
        <translation>将所选的建议小组保存为本班的小组（班级与学生 → 小组）。</translation>
    </message>
    <message>
        <source>Most-missed exercises</source>
        <translation>错得最多的练习</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>作答数</translation>
    </message>
    <message>
        <source>Students who missed it</source>
        <translation>做错的学生</translation>
    </message>
    <message>
        <source>Progress of the class, week by week</source>
        <translation>全班每周进步</translation>
    </message>
    <message>
        <source>No answers yet. Progress appears here after the first quiz or practice session.</source>
        <translation>还没有作答。第一次测验或练习之后，这里会显示进步情况。</translation>
    </message>
    <message>
        <source>Choose or create a class first (Classes &amp; students).</source>
        <translation>请先选择或创建班级（班级和学生）。</translation>
    </message>
    <message>
        <source>Getting to know this class's exercises from its answers. This is done once per class; with a year of answers it can take a minute.</source>
        <translation>正在根据本班的作答了解各道练习。每个班级只需做一次；一年的作答可能需要一分钟左右。</translation>
    </message>
    <message>
        <source>Working out what the class knows…</source>
        <translation>正在分析全班的掌握情况…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Updating the dashboard…</source>
        <translation>正在更新班级概览…</translation>
    </message>
    <message>
        <source>Practice focus</source>
        <translation>练习重点</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Practise the ticked skills</source>
        <translation>练习勾选的知识点</translation>
    </message>
    <message>
        <source>What the model suggests</source>
        <translation>按模型建议</translation>
    </message>
    <message>
        <source>Group: {name}</source>
        <translation>小组：{name}</translation>
    </message>
    <message>
        <source>Practises: {skills}</source>
        <translation>练习：{skills}</translation>
    </message>
    <message>
        <source>None of these skills has an exercise the laptop can mark, so practice offers what the model suggests until the Exercise bank has a number, choice or short-text exercise for one of them.</source>
        <translation>这些知识点都没有电脑能批改的练习，所以在练习题库为其中一个添加数字题、选择题或填空题之前，练习模式会按模型建议出题。</translation>
    </message>
    <message>
        <source>Practises the skills of the group: {skills}</source>
        <translation>练习所在小组的知识点：{skills}</translation>
    </message>
    <message>
        <source>Practises: what the model suggests</source>
        <translation>练习：按模型建议</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>全班</translation>
    </message>
    <message>
        <source>Progress of the group {group}, week by week</source>
        <translation>小组“{group}”每周进步</translation>
    </message>
    <message>
        <source>Group {group}: {shown} of the class's {total} students.</source>
        <translation>小组 {group}：显示全班 {total} 名学生中的 {shown} 名。</translation>
    </message>
    <message>
        <source>{skill} – next</source>
        <translation>{skill}小组</translation>
    </message>
    <message>
        <source>Make a group</source>
        <translation>编组</translation>
    </message>
    <message>
        <source>Name of the group of the {count} children who need help with {skill}:</source>
        <translation>这 {count} 名在“{skill}”上需要帮助的学生所编小组的名称：</translation>
    </message>
    <message>
        <source>First click a suggested group.</source>
        <translation>请先点击一个建议小组。</translation>
    </message>
    <message>
        <source>Type a name for the group.</source>
        <translation>请输入小组名称。</translation>
    </message>
    <message>
        <source>The class already has a group named {name}: change the name.</source>
        <translation>本班已有名为“{name}”的小组，请换一个名称。</translation>
    </message>
    <message>
        <source>Saved the group {name} ({count} students).</source>
        <translation>已保存小组 {name}（{count} 名学生）。</translation>
    </message>
    <message>
        <source>This class has no students yet: add them in Classes &amp; students.</source>
        <translation>这个班级还没有学生：请在“班级和学生”中添加。</translation>
    </message>
    <message>
        <source>No answers yet, and the exercise bank is empty: in Exercise bank, press “Add the starter exercises” or import an exercise pack first. Then give a paper quiz or let students practise.</source>
        <translation>还没有作答，练习题库也是空的：请先在“练习题库”中按“添加内置练习”，或导入题包。然后再进行纸笔测验或让学生练习。</translation>
    </message>
    <message>
        <source>No answers yet. Give a paper quiz (Paper quiz) or let students practise (Practice mode); this page then fills in.</source>
        <translation>还没有作答。请进行一次纸笔测验（纸笔测验）或让学生练习（练习模式），之后本页会显示数据。</translation>
    </message>
    <message>
        <source>{students} students, {answers} answers. Mastered means: at least {needed} answers on the skill, at least {level:.0%} of the latest right, and at least {sure:.0%} sure of at least {level:.0%} success on it.</source>
        <translation>{students} 名学生，{answers} 次作答。“已掌握”表示：该知识点至少作答 {needed} 次，最近的作答至少 {level:.0%} 答对，并且有 {sure:.0%} 以上的把握其答对概率不低于 {level:.0%}。</translation>
    </message>
    <message>
        <source>On skills that even students who know them often get wrong, the bar is lower: {skills}.</source>
        <translation>有些知识点连已掌握的学生也常出错，这些知识点的掌握标准相应降低：{skills}。</translation>
    </message>
    <message>
        <source>Mastered skills</source>
        <translation>已掌握的知识点</translation>
    </message>
    <message>
        <source>{student} – {skill}: about {estimate:.0%} (between {low:.0%} and {high:.0%}); {right:g} right of {answered}; {status}</source>
        <translation>{student} – {skill}：约 {estimate:.0%}（在 {low:.0%} 到 {high:.0%} 之间）；{answered} 题中答对 {right:g} 题；{status}</translation>
    </message>
    <message>
        <source>{skill} ({number} of {count})</source>
        <translation>{skill}（第 {number} 组，共 {count} 组）</translation>
    </message>
    <message>
        <source>{members} (saved as “{name}”)</source>
        <translation>{members}（已保存为“{name}”）</translation>
    </message>
    <message>
        <source>Working alone or with you: {names}</source>
        <translation>单独练习或由老师辅导：{names}</translation>
    </message>
    <message>
        <source>{count}: {names}</source>
        <translation>{count} 人：{names}</translation>
    </message>
    <message>
        <source>Choose a group or a child and tick the skills they should practise; Practice mode and their worksheets then offer only those skills, and their student page, report and family letter give them as the next steps. A child's own focus comes before their group's.</source>
        <translation>选择一个小组或一名学生，勾选要练习的知识点；练习模式和他们的练习单随后只出这些知识点的题，学生页面、报告和家长信中的下一步也只列这些知识点。学生自己的重点优先于其小组的重点。</translation>
    </message>
    <message>
        <source>Share right</source>
        <translation>正确率</translation>
    </message>
    <message>
        <source>Skills mastered</source>
        <translation>已掌握知识点比例</translation>
    </message>
    <message>
        <source>No answers yet, so in no group: {names}</source>
        <translation>还没有作答，暂不分组：{names}</translation>
    </message>
    <message>
        <source>Not listed here: {count} more cases of a child needing help on a skill (“Export CSV…” saves every case). Students who need help, in all: {students}. “Mastery by student and skill” above shows every child on every skill; a double click on a name opens that child's page.</source>
        <translation>另有 {count} 条“需要帮助”记录未在此列出（“导出 CSV…”会保存全部记录）。需要帮助的学生共 {students} 名。上方的“各学生各知识点的掌握情况”列出每个学生的每个知识点；双击姓名即可打开这个学生的页面。</translation>
    </message>
    <message>
        <source>Nobody needs help right now. A child is listed here when their answers on a skill (at least 3) show they are struggling.</source>
        <translation>现在没有人需要帮助。某个学生在一个知识点上的作答（至少 3 次）显示出困难时，会列在这里。</translation>
    </message>
</context>
<context>
    <name>DifficultQuestionsDialog</name>
    <message>
        <source>Difficult questions</source>
        <translation>难题</translation>
    </message>
    <message>
        <source>Difficult questions: {quiz}</source>
        <translation>难题：{quiz}</translation>
    </message>
    <message>
        <source>Most of {group} missed these questions. Absent students and empty cells are not counted.</source>
        <translation>{group}大多数学生答错了这些题。缺席的学生和空格不计入。</translation>
    </message>
    <message>
        <source>Most of the class missed these questions. Absent students and empty cells are not counted.</source>
        <translation>全班大多数学生答错了这些题。缺席的学生和空格不计入。</translation>
    </message>
    <message>
        <source>Too few marks yet to say what most of {group} missed: a question counts here once {count} children have a mark on it. The lowest scores so far:</source>
        <translation>分数还太少，还看不出{group}大多数学生答错了哪些题：一道题有 {count} 名学生的分数后才算在这里。目前得分最低的题：</translation>
    </message>
    <message>
        <source>Too few marks yet to say what most of the class missed: a question counts here once {count} children have a mark on it. The lowest scores so far:</source>
        <translation>分数还太少，还看不出大多数学生答错了哪些题：一道题有 {count} 名学生的分数后才算在这里。目前得分最低的题：</translation>
    </message>
    <message>
        <source>No question was missed by most of {group}. The lowest scores so far:</source>
        <translation>没有哪道题是{group}大多数学生答错的。目前得分最低的题：</translation>
    </message>
    <message>
        <source>No question was missed by most of the class. The lowest scores so far:</source>
        <translation>没有哪道题是大多数学生答错的。目前得分最低的题：</translation>
    </message>
    <message>
        <source>No marks entered yet.</source>
        <translation>还没有输入分数。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Class score</source>
        <translation>全班正确率</translation>
    </message>
    <message>
        <source>Missed by</source>
        <translation>答错的学生</translation>
    </message>
    <message>
        <source>Group score</source>
        <translation>小组得分</translation>
    </message>
    <message>
        <source>Common wrong answers</source>
        <translation>常见错误答案</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Difficult questions - {quiz}</source>
        <translation>难题 - {quiz}</translation>
    </message>
    <message>
        <source>To see wrong answers here, press F2 on a cell of the grid and type what the student wrote.</source>
        <translation>要在这里看到错误答案，请在表格的格子上按 F2，输入学生写的答案。</translation>
    </message>
    <message>
        <source>Not counted yet: typed answers waiting in “Mark written answers” ({questions}). Mark them there and the questions count here.</source>
        <translation>尚未计入：在“批改书面答案”中还有待批改的作答（{questions}）。在那里批改后，这些题目就会计入这里。</translation>
    </message>
    <message>
        <source>Q{number}: {count}</source>
        <translation>第{number}题：{count} 份</translation>
    </message>
    <message>
        <source>{answer} (×{count})</source>
        <translation>{answer}（×{count}）</translation>
    </message>
    <message>
        <source>Q{number}: {prompt}</source>
        <translation>第{number}题：{prompt}</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>{missed} of {marked}: {names}</source>
        <translation>{marked} 人中 {missed} 人：{names}</translation>
    </message>
    <message>
        <source>{missed} of {marked}</source>
        <translation>{marked} 人中 {missed} 人</translation>
    </message>
</context>
<context>
    <name>EditQuizDialog</name>
    <message>
        <source>Edit quiz: {title}</source>
        <translation>编辑测验：{title}</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Click a question, then move, remove or replace it. Marks already entered for the questions that stay are kept.</source>
        <translation>点一道题，然后上移、下移、删除或替换它。保留下来的题目已录入的分数不会丢失。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>On the printed quiz</source>
        <translation>试卷上的题号</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete quiz…</source>
        <translation>删除测验…</translation>
    </message>
    <message>
        <source>Q{number}</source>
        <translation>第{number}题</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新题</translation>
    </message>
    <message>
        <source>(you mark it)</source>
        <translation>（由您批改）</translation>
    </message>
    <message>
        <source>Quiz not changed</source>
        <translation>测验没有改动</translation>
    </message>
    <message>
        <source>Delete quiz</source>
        <translation>删除测验</translation>
    </message>
    <message>
        <source>Delete the quiz “{title}”? It goes from the Paper quiz screen; the children's answers to it stay in their history and in what Lamplight knows of them.</source>
        <translation>删除测验“{title}”吗？它会从纸笔测验页面上消失；孩子们在这次测验中的作答会保留在他们的记录里，Lamplight 对他们的了解也不变。</translation>
    </message>
    <message>
        <source>Delete the quiz</source>
        <translation>删除测验</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>1 mark</source>
        <translation>1 个分数</translation>
    </message>
    <message>
        <source>{count} marks</source>
        <translation>{count} 个分数</translation>
    </message>
    <message>
        <source>The questions you removed already have {removed}, and the questions you replaced have {replaced}. Keep them as the students' answers (they leave this quiz's grid), or delete them?</source>
        <translation>您删除的题目已经有 {removed}，您换掉的题目已经有 {replaced}。把它们保留为学生的作答记录（不再显示在这次测验的表格里），还是删除它们？</translation>
    </message>
    <message>
        <source>The questions you replaced already have {replaced}. Keep them as the students' answers (they leave this quiz's grid), or delete them?</source>
        <translation>您换掉的题目已经有 {replaced}。把它们保留为学生的作答记录（不再显示在这次测验的表格里），还是删除它们？</translation>
    </message>
    <message>
        <source>The questions you removed already have {removed}. Keep them as the students' answers (they leave this quiz's grid), or delete them?</source>
        <translation>您删除的题目已经有 {removed}。把它们保留为学生的作答记录（不再显示在这次测验的表格里），还是删除它们？</translation>
    </message>
    <message>
        <source>Marks already entered</source>
        <translation>已经录入的分数</translation>
    </message>
    <message>
        <source>Keep as answers</source>
        <translation>保留为作答记录</translation>
    </message>
    <message>
        <source>Delete the marks</source>
        <translation>删除这些分数</translation>
    </message>
</context>
<context>
    <name>ExerciseDialog</name>
    <message>
        <source>Edit exercise</source>
        <translation>编辑练习</translation>
    </message>
    <message>
        <source>Add exercise</source>
        <translation>添加练习</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>题目：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Choices (one per line):</source>
        <translation>选项（每行一个）：</translation>
    </message>
    <message>
        <source>Right answer:</source>
        <translation>正确答案：</translation>
    </message>
    <message>
        <source>More than one right answer? Put ; between them: {example}</source>
        <translation>有不止一个正确答案？用 ; 隔开：{example}</translation>
    </message>
    <message>
        <source>In Chinese: “{question}”</source>
        <translation>中文题目：“{question}”</translation>
    </message>
    <message>
        <source>In English: “{question}”</source>
        <translation>英文题目：“{question}”</translation>
    </message>
    <message>
        <source>Right answer in Chinese:</source>
        <translation>中文正确答案：</translation>
    </message>
    <message>
        <source>Right answer in English:</source>
        <translation>英文正确答案：</translation>
    </message>
    <message>
        <source>Skills:</source>
        <translation>知识点：</translation>
    </message>
    <message>
        <source>Write the question.</source>
        <translation>请填写题目。</translation>
    </message>
    <message>
        <source>A multiple-choice exercise needs at least two choices.</source>
        <translation>选择题至少需要两个选项。</translation>
    </message>
    <message>
        <source>Each choice must be different: a child would see two equal buttons.</source>
        <translation>每个选项都必须不同：否则孩子会看到两个一样的按钮。</translation>
    </message>
    <message>
        <source>The right answer must be one of the choices: type its words, or its letter (B for the second).</source>
        <translation>正确答案必须是其中一个选项：请输入选项的内容，或它的字母（第二个选项输入 B）。</translation>
    </message>
    <message>
        <source>The right answer of a number exercise is the number alone: type {number}. A child who writes “{typed}” is still marked right.</source>
        <translation>数字题的正确答案只写数：请只输入 {number}。学生写“{typed}”也算对。</translation>
    </message>
    <message>
        <source>The right answer of a number exercise is the number alone: type {number}.</source>
        <translation>数字题的正确答案只写数：请只输入 {number}。</translation>
    </message>
    <message>
        <source>The right answer of a number exercise must be a number.</source>
        <translation>数字题的正确答案必须是数字。</translation>
    </message>
    <message>
        <source>Write the right answer.</source>
        <translation>请填写正确答案。</translation>
    </message>
    <message>
        <source>Write the right answer in the other language too.</source>
        <translation>另一种语言的正确答案也要填写。</translation>
    </message>
    <message>
        <source>A child's answer is compared with the right answer as it is written, brackets and all. For a second right answer, put ; between them: triangle; trilateral</source>
        <translation>孩子的答案会和正确答案逐字比较，括号也算在内。要再给一个正确答案，请用 ; 隔开：三角形; 三边形</translation>
    </message>
    <message>
        <source>Tick at least one skill: answers to an exercise without a skill count toward no skill, and it is never chosen as a next step.</source>
        <translation>请至少勾选一个知识点：没有知识点的练习题，作答不计入任何知识点，也永远不会被选为下一步练习。</translation>
    </message>
    <message>
        <source>Make a skill first (the Skills tab): answers to an exercise without a skill count toward no skill, and it is never chosen as a next step.</source>
        <translation>请先新建一个知识点（在“知识点”标签页）：没有知识点的练习题，作答不计入任何知识点，也永远不会被选为下一步练习。</translation>
    </message>
    <message>
        <source>This exercise has its text in two languages, and the other language cannot follow this change: in every language an exercise has the same kind, the same number of choices and the right answer in the same place. Nothing was saved. Change the wording only, or add a new exercise.</source>
        <translation>这道练习有两种语言的文字，另一种语言无法跟着改：每种语言里，同一道练习的题型、选项个数和正确答案的位置都必须相同。没有保存任何改动。请只修改文字，或者另外添加一道新练习。</translation>
    </message>
</context>
<context>
    <name>FamilyLetter</name>
    <message>
        <source>Letter to the family</source>
        <translation>给家长的信</translation>
    </message>
    <message>
        <source>How {name} is doing</source>
        <translation>{name}的学习情况</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>班级：</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>A month ago it was {then}.</source>
        <translation>一个月前是 {then} 个。</translation>
    </message>
    <message>
        <source>A month ago we had no answers from your child yet, so there is nothing to compare with.</source>
        <translation>一个月前我们还没有孩子的答题记录，所以暂时无法比较。</translation>
    </message>
    <message>
        <source>Skills learned this month: {gain}. Well done!</source>
        <translation>这个月新掌握了 {gain} 个知识点，进步很明显！</translation>
    </message>
    <message>
        <source>This month we kept practising the same skills.</source>
        <translation>这个月我们一直在练习同样的知识点。</translation>
    </message>
    <message>
        <source>Some skills need practice again; that is normal, and we are on it.</source>
        <translation>有些知识点需要再练习一下，这很正常，我们会继续帮助孩子。</translation>
    </message>
    <message>
        <source>Skills known now: {skills}.</source>
        <translation>现在会的知识点：{skills}。</translation>
    </message>
    <message>
        <source>No skill counts as known yet: we need several answers on a skill before we say so.</source>
        <translation>目前还没有哪个知识点算作“会了”：在一个知识点上答过好几道题之后，我们才会这样判断。</translation>
    </message>
    <message>
        <source>So far {name} got {right} of {count} answers right: a good start.</source>
        <translation>到目前为止，{name}答对了 {count} 道题中的 {right} 道，开了个好头。</translation>
    </message>
    <message>
        <source>No skill counts as known yet: we keep practising, and a skill counts as known once most answers on it are right.</source>
        <translation>还没有哪个知识点算作“会了”：我们会继续练习；一个知识点的大多数题目都答对后，就算作会了。</translation>
    </message>
    <message>
        <source>Next we will practise more: {skills}.</source>
        <translation>接下来我们会多练习：{skills}。</translation>
    </message>
    <message>
        <source>We will also go over {skills} again: it is known already, and going over it helps with what comes next.</source>
        <translation>我们还会复习已经掌握的{skills}，这对接下来的学习有帮助。</translation>
    </message>
    <message>
        <source>In the last month your child answered 1 question in class and in practice.</source>
        <translation>最近一个月，孩子在课堂和练习中一共做了 1 道题。</translation>
    </message>
    <message>
        <source>{names}, and {count} more</source>
        <translation>{names}，以及另外 {count} 个</translation>
    </message>
    <message>
        <source>“Knows” means that your child gets this kind of question right most of the time, and we are fairly sure of it from the answers.</source>
        <translation>“会”的意思是：这类题孩子大多数时候都能答对，而且根据答题记录，我们对此有相当把握。</translation>
    </message>
    <message>
        <source>Dear family of {name},</source>
        <translation>尊敬的{name}家长：您好！</translation>
    </message>
    <message>
        <source>Teacher: ____________________     Date: ______________</source>
        <translation>老师：____________________     日期：______________</translation>
    </message>
    <message>
        <source>At home you can help by asking your child to show you what they are practising now.</source>
        <translation>在家里，您可以请孩子给您讲一讲最近在练习的内容。</translation>
    </message>
    <message>
        <source>Thank you for your support!</source>
        <translation>感谢您的支持！</translation>
    </message>
    <message>
        <source>Working on now: {skills}.</source>
        <translation>正在学习：{skills}。</translation>
    </message>
    <message>
        <source>{name} knows {now} of the {total} skills the class has worked on so far.</source>
        <translation>本班目前学过 {total} 个知识点，{name}已经掌握了 {now} 个。</translation>
    </message>
    <message>
        <source>Next we will practise: {skills}.</source>
        <translation>接下来我们会练习：{skills}。</translation>
    </message>
    <message>
        <source>We will also go over {skills} again: they are known already, and going over them helps with what comes next.</source>
        <translation>我们还会复习已经掌握的{skills}，这对接下来的学习有帮助。</translation>
    </message>
    <message>
        <source>We have no answers from {name} yet, in class or in practice, so we cannot say yet which skills are known. After the first answers we will know what to practise first.</source>
        <translation>我们还没有{name}在课堂或练习中的答题记录，所以还不能说哪些知识点已经掌握。等有了第一批答题记录，我们就知道先练什么了。</translation>
    </message>
    <message>
        <source>In the last month your child answered {count} questions in class and in practice.</source>
        <translation>最近一个月，孩子在课堂和练习中一共做了 {count} 道题。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Each box is a skill; a filled box is a skill your child knows.</source>
        <translation>每个方格代表一个知识点；涂满的方格是孩子已经会的知识点。</translation>
    </message>
    <message>
        <source>A month ago</source>
        <translation>一个月前</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>At home you can help by asking your child to show you one thing they learned.</source>
        <translation>在家里，您可以请孩子给您讲一讲最近学会的新知识。</translation>
    </message>
</context>
<context>
    <name>GroupMembersDialog</name>
    <message>
        <source>Members of {name}</source>
        <translation>{name}的组员</translation>
    </message>
    <message>
        <source>Tick the students of the group.</source>
        <translation>勾选这个小组的学生。</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>How to use Lamplight</source>
        <translation>如何使用 Lamplight</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Lamplight</source>
        <translation>Lamplight</translation>
    </message>
    <message>
        <source>Classes &amp; students</source>
        <translation>班级和学生</translation>
    </message>
    <message>
        <source>Exercise bank</source>
        <translation>练习题库</translation>
    </message>
    <message>
        <source>Paper quiz</source>
        <translation>纸笔测验</translation>
    </message>
    <message>
        <source>Mark written answers</source>
        <translation>批改书面答案</translation>
    </message>
    <message>
        <source>Practice mode</source>
        <translation>练习模式</translation>
    </message>
    <message>
        <source>Class dashboard</source>
        <translation>班级概览</translation>
    </message>
    <message>
        <source>Student page</source>
        <translation>学生页面</translation>
    </message>
    <message>
        <source>Worksheets &amp; reports</source>
        <translation>练习单和报告</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>班级：</translation>
    </message>
    <message>
        <source>&amp;Lock the teacher screens</source>
        <translation>锁定教师界面(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;How to use Lamplight</source>
        <translation>如何使用 Lamplight(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Lamplight</source>
        <translation>关于 Lamplight(&amp;A)</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <source>(every class is archived)</source>
        <translation>（所有班级都已归档）</translation>
    </message>
    <message>
        <source>Getting your other classes ready…</source>
        <translation>正在准备您的其他班级数据…</translation>
    </message>
    <message>
        <source>The same goes for:</source>
        <translation>以下文件也是如此：</translation>
    </message>
    <message>
        <source>The data folder is not private</source>
        <translation>数据文件夹不是私有的</translation>
    </message>
    <message>
        <source>There are no classes yet.

Create a demo class with made-up students, exercises and answers, so you can try every screen? You can archive it later (Classes &amp; students → Archive) to hide it.

Choose No to start with an empty class list.</source>
        <translation>还没有班级。

要创建一个示范班级吗？其中包含虚构的学生、练习和作答，方便您试用每个页面。以后可以在“班级和学生”中点“归档”把它隐藏。

选择“否”则从空的班级列表开始。</translation>
    </message>
    <message>
        <source>Keeping the dashboard for the next start…</source>
        <translation>正在保存班级概览，供下次启动使用…</translation>
    </message>
    <message>
        <source>Lamplight is still at work</source>
        <translation>Lamplight 还在工作</translation>
    </message>
    <message>
        <source>Lamplight is still at work:
{what}
Close it again when that is done: stopping it half-way could leave it unfinished.</source>
        <translation>Lamplight 还在工作：
{what}
请等它完成后再关闭：中途停止可能导致操作不完整。</translation>
    </message>
    <message>
        <source>Lamplight is still at work:
{what}
Quit anyway? It stops, and what it was doing is not saved.</source>
        <translation>Lamplight 还在工作：
{what}
仍要退出吗？它会停下，正在进行的工作不会保存。</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>仍要退出</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>(no class yet)</source>
        <translation>（还没有班级）</translation>
    </message>
    <message>
        <source>Updating the class's exercises…</source>
        <translation>正在更新本班的练习校准…</translation>
    </message>
    <message>
        <source>Getting the class ready…</source>
        <translation>正在准备班级数据…</translation>
    </message>
    <message>
        <source>Making the daily backup…</source>
        <translation>正在制作每日备份…</translation>
    </message>
    <message>
        <source>Welcome to Lamplight</source>
        <translation>欢迎使用 Lamplight</translation>
    </message>
    <message>
        <source>Protect the teacher screens (marks, reports, settings) with a teacher password?

Without one, anyone at this computer can open them. Practice mode also needs it to keep students on the practice screen. You can set it later in Settings.</source>
        <translation>要用教师密码保护教师页面（成绩、报告、设置）吗？

没有密码时，任何人都能在这台电脑上打开这些页面。练习模式也需要它，才能让学生只停留在练习页面。以后也可以在“设置”中设置。</translation>
    </message>
    <message>
        <source>Set a teacher password…</source>
        <translation>设置教师密码…</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Creating the demo class…</source>
        <translation>正在创建示范班级…</translation>
    </message>
    <message>
        <source>About Lamplight</source>
        <translation>关于 Lamplight</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Lamplight {version}&lt;/h3&gt;&lt;p&gt;An offline classroom app for teachers. All student data stays on this computer, in one file in:&lt;/p&gt;&lt;p&gt;{folder}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lamplight {version}&lt;/h3&gt;&lt;p&gt;供教师使用的离线课堂应用。所有学生数据都保存在这台电脑上的一个文件中，位于：&lt;/p&gt;&lt;p&gt;{folder}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MarkbookDialog</name>
    <message>
        <source>Marks book</source>
        <translation>成绩册</translation>
    </message>
    <message>
        <source>Marks book: {name}</source>
        <translation>成绩册：{name}</translation>
    </message>
    <message>
        <source>No quiz yet for this class.</source>
        <translation>这个班级还没有测验。</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>全班</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Scores as:</source>
        <translation>分数显示为：</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Marks book - {name}</source>
        <translation>成绩册 - {name}</translation>
    </message>
    <message>
        <source>Not fully marked</source>
        <translation>尚未批完</translation>
    </message>
    <message>
        <source>{quiz}: questions marked</source>
        <translation>{quiz}：已批题数</translation>
    </message>
    <message>
        <source>{quiz} ({marked} of {questions} marked, {waiting} waiting)</source>
        <translation>{quiz}（{questions} 题中已批 {marked} 题，{waiting} 题待批改）</translation>
    </message>
    <message>
        <source>{quiz} ({marked} of {questions} marked)</source>
        <translation>{quiz}（{questions} 题中已批 {marked} 题）</translation>
    </message>
    <message>
        <source>Each child's marks on each quiz: the marks given out of the questions marked (“2 / 3”). The class's row and the averages stay percentages.</source>
        <translation>每个学生每次测验的分数：已录入分数的题目中得到的分数（“2 / 3”）。全班一行和平均分仍以百分比显示。</translation>
    </message>
    <message>
        <source>Each child's score on each quiz: the share of the marks entered.</source>
        <translation>每个学生每次测验的得分：已录入分数的得分率。</translation>
    </message>
    <message>
        <source>{percent} ({marked} of {questions} marked, {waiting} waiting)</source>
        <translation>{percent}（{questions} 题中已批 {marked} 题，{waiting} 题待批改）</translation>
    </message>
    <message>
        <source>{percent} ({marked} of {questions} marked)</source>
        <translation>{percent}（{questions} 题中已批 {marked} 题）</translation>
    </message>
    <message>
        <source>{scores} {counting}</source>
        <translation>{scores}{counting}</translation>
    </message>
    <message>
        <source>Absent children and empty cells are not counted as wrong; “6 of 8 marked” means only 6 of 8 questions have a mark so far (“waiting”: written answers still in “Mark written answers”). The average counts each quiz once, and only quizzes with every mark entered. Double-click a score to open that quiz.</source>
        <translation>缺席和空白格不算答错；“8 题中已批 6 题”表示 8 道题中目前只有 6 道有分数（“待批改”：书面答案还在“批改书面答案”里等着批改）。平均分中每次测验只算一次，并且只算全部分数都已录入的测验。双击某个分数可打开那次测验。</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待批改</translation>
    </message>
    <message>
        <source>{total} / {marked}</source>
        <translation>{total} / {marked}</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>{count} written answers waiting in “Mark written answers”</source>
        <translation>{count} 个书面答案在“批改书面答案”中等待批改</translation>
    </message>
</context>
<context>
    <name>MarkingPage</name>
    <message>
        <source>Mark written answers</source>
        <translation>批改书面答案</translation>
    </message>
    <message>
        <source>Mark a few answers or whole groups; Lamplight suggests marks for the rest. It selects the answer it learns most from: press ✓ Right or ✗ Wrong (keys 1 and 0), or pick another. Accept the confident ones in one click and check the others. Practice answers that do not match the key wait here instead of counting as wrong.</source>
        <translation>批改几个答案或整组答案，Lamplight 会为其余答案给出建议。它会先选中最值得您批改的答案（批改它，Lamplight 学到的最多）：按“✓ 对”或“✗ 错”（或按键 1 和 0）即可，也可以自己另选。有把握的建议一键采纳，其余的请您检查。练习中与标准答案不一致的答案会在这里等待批改，而不是直接算错。</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>题目：</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>批改</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>把握度</translation>
    </message>
    <message>
        <source>✓ Right</source>
        <translation>✓ 对</translation>
    </message>
    <message>
        <source>✗ Wrong</source>
        <translation>✗ 错</translation>
    </message>
    <message>
        <source>Give points</source>
        <translation>给分</translation>
    </message>
    <message>
        <source>Mark the selected answers right (key 1)</source>
        <translation>把选中的答案批为对（按键 1）</translation>
    </message>
    <message>
        <source>Mark the selected answers wrong (key 0)</source>
        <translation>把选中的答案批为错（按键 0）</translation>
    </message>
    <message>
        <source>Accept all confident</source>
        <translation>采纳全部有把握的建议</translation>
    </message>
    <message>
        <source>Undo these marks</source>
        <translation>撤销这些批改</translation>
    </message>
    <message>
        <source>{prompt} ({waiting} waiting, {marked} marked)</source>
        <translation>{prompt}（{waiting} 个待批，{marked} 个已批）</translation>
    </message>
    <message>
        <source>No typed answers to mark yet. Practice answers to short-text exercises that do not match the key, and what children wrote typed into a paper quiz's grid (F2), come here.</source>
        <translation>还没有需要批改的书面答案。练习中填空题与标准答案不一致的答案，以及在纸笔测验表格中录入的学生答案（F2），会出现在这里。</translation>
    </message>
    <message>
        <source>(marked by the teacher, no key)</source>
        <translation>（教师批改，没有标准答案）</translation>
    </message>
    <message>
        <source>{prompt}
Key: {key}</source>
        <translation>{prompt}
标准答案：{key}</translation>
    </message>
    <message>
        <source>Grouping the answers and working out suggestions…</source>
        <translation>正在给答案分组并计算建议……</translation>
    </message>
    <message>
        <source>Working out suggestions…</source>
        <translation>正在计算建议……</translation>
    </message>
    <message>
        <source>{answer} (and {count} similar)</source>
        <translation>{answer}（及 {count} 个相似答案）</translation>
    </message>
    <message>
        <source>{mark} ({marked} of {count})</source>
        <translation>{mark}（已批 {marked}/{count}）</translation>
    </message>
    <message>
        <source>mark this next</source>
        <translation>建议先批这个</translation>
    </message>
    <message>
        <source>Lamplight learns most from your mark on this answer: it is unsure of it, and many classmates wrote something like it.</source>
        <translation>您批改这个答案，Lamplight 学到的最多：它对这个答案没有把握，而且很多同学写了类似的答案。</translation>
    </message>
    <message>
        <source>one character differs from a right answer</source>
        <translation>与正确答案差一个字</translation>
    </message>
    <message>
        <source>can't tell</source>
        <translation>拿不准</translation>
    </message>
    <message>
        <source>{mark}?</source>
        <comment>a suggested mark, not yet given</comment>
        <translation>{mark}？</translation>
    </message>
    <message>
        <source>Confident: when Lamplight was at least this sure, on questions it had not seen, its mark was the teacher's about 95 times in 100 or more. Accepting it is safe.</source>
        <translation>有把握：在它没见过的题目上，Lamplight 至少这样有把握时，它的批改与老师的批改一致的次数约为每 100 次中 95 次或更多。采纳是安全的。</translation>
    </message>
    <message>
        <source>Unsure: please check. Lamplight marks an answer by itself only where, on questions it had not seen, its mark was the teacher's about 95 times in 100 or more; it learns more with each of your marks.</source>
        <translation>没把握：请检查。只有在它没见过的题目上，批改与老师一致的次数约为每 100 次中 95 次或更多时，Lamplight 才会自己批改；您每批一个，它都会学到更多。</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} 名学生</translation>
    </message>
    <message>
        <source>1 student</source>
        <translation>1 名学生</translation>
    </message>
    <message>
        <source>1 student ({answers} answers)</source>
        <translation>1 名学生（{answers} 个答案）</translation>
    </message>
    <message>
        <source>1 answer: {marked} marked, {waiting} waiting. Confident suggestions: {sure}; to check: {unsure}.</source>
        <translation>共 1 个答案：已批 {marked} 个，待批 {waiting} 个。有把握的建议：{sure} 个；需检查：{unsure} 个。</translation>
    </message>
    <message>
        <source>{total} answers: {marked} marked, {waiting} waiting. Confident suggestions: {sure}; to check: {unsure}.</source>
        <translation>共 {total} 个答案：已批 {marked} 个，待批 {waiting} 个。有把握的建议：{sure} 个；需检查：{unsure} 个。</translation>
    </message>
    <message>
        <source>This class is archived: its answers are read here, not marked. To mark them, restore it in Classes &amp; students.</source>
        <translation>这个班级已归档：这里只能查看它的答案，不能批改。要批改，请在“班级和学生”中恢复这个班级。</translation>
    </message>
    <message>
        <source>“{answer}” is the answer key's own answer. Mark it {mark} all the same?</source>
        <translation>“{answer}”就是标准答案。仍然批为{mark}吗？</translation>
    </message>
    <message>
        <source>Mark it {mark}</source>
        <translation>批为{mark}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Undo these marks ({count})</source>
        <translation>撤销这些批改（{count} 个）</translation>
    </message>
    <message>
        <source>Undo this mark</source>
        <translation>撤销这次批改</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>One character differs from a right answer: a slip of the pen, or a word that means something else (70米 for 70厘米). Yours to mark, right or wrong.</source>
        <translation>和正确答案只差一个字：可能是笔误，也可能意思不同（比如把70厘米写成70米）。算对还是算错，请您判断。</translation>
    </message>
    <message>
        <source>{count} students ({answers} answers)</source>
        <translation>{count} 名学生（{answers} 个答案）</translation>
    </message>
    <message>
        <source>✓ right</source>
        <translation>✓ 对</translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation>✗ 错</translation>
    </message>
    <message>
        <source>No suggestions: {problem} You can still mark every answer yourself.</source>
        <translation>没有建议：{problem} 您仍然可以自己批改每个答案。</translation>
    </message>
    <message>
        <source>Accept all confident ({count})</source>
        <translation>采纳全部有把握的建议（{count}）</translation>
    </message>
</context>
<context>
    <name>MasteryTexts</name>
    <message>
        <source>mastered</source>
        <translation>已掌握</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>needs help</source>
        <translation>需要帮助</translation>
    </message>
    <message>
        <source>no answers yet</source>
        <translation>尚无作答</translation>
    </message>
    <message>
        <source>above the bar, not sure yet</source>
        <translation>已过掌握线，尚不确定</translation>
    </message>
    <message>
        <source>too few answers to say</source>
        <translation>作答太少，尚无法判断</translation>
    </message>
    <message>
        <source>{right:g} of {answered} answers right; about {estimate:.0%} chance of success from their own answers</source>
        <translation>{answered} 次作答中答对 {right:g} 次；按其本人的作答，答对概率约 {estimate:.0%}</translation>
    </message>
    <message>
        <source>the last {count} answers wrong; {reason}</source>
        <translation>最近 {count} 次作答都错了；{reason}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{skill} — {why}</source>
        <translation>{skill}，{why}</translation>
    </message>
    <message>
        <source>{skill}: {right} of 1 answer right</source>
        <translation>{skill}：1 次作答答对 {right} 次</translation>
    </message>
    <message>
        <source>no answers yet, so this starts where the class has got to</source>
        <translation>还没有作答记录，先从全班大多数同学学到的地方开始</translation>
    </message>
    <message>
        <source>few answers yet, so this starts where the class has got to</source>
        <translation>自己的作答还少，所以先从全班已学到的地方开始</translation>
    </message>
    <message>
        <source>no answers yet, so this starts where the class has got to: if it goes well, the skills before it count as known</source>
        <translation>还没有作答记录，先从全班大多数同学学到的地方开始；做得好，前面的知识点就算掌握了</translation>
    </message>
    <message>
        <source>{skill}: {right} of last {answered} right</source>
        <translation>{skill}：最近 {answered} 次答对 {right} 次</translation>
    </message>
    <message>
        <source>{skill}: not practised yet</source>
        <translation>{skill}：尚未练习</translation>
    </message>
    <message>
        <source>General practice</source>
        <translation>综合练习</translation>
    </message>
    <message>
        <source>review: {struggling} is not going well, so check this prerequisite</source>
        <translation>复习：{struggling}进展不顺，因此检查这个前置知识点</translation>
    </message>
    <message>
        <source>review of a mastered skill, to keep it fresh</source>
        <translation>复习已掌握的知识点，保持熟练</translation>
    </message>
    <message>
        <source>later skills went well, so this one is taken as known: a check that it holds</source>
        <translation>后面的知识点学得好，所以暂且把这个知识点视为已掌握：检查一下是否确实掌握</translation>
    </message>
    <message>
        <source>few answers yet, so this starts where the class has got to: if it goes well, the skills before it count as known</source>
        <translation>自己的作答还少，所以先从全班已学到的地方开始：如果做得好，之前的知识点就算已掌握</translation>
    </message>
    <message>
        <source>going well: a few more right answers and it counts as mastered</source>
        <translation>进展顺利：再答对几道就算掌握了</translation>
    </message>
    <message>
        <source>{after} is not going well, so the skill just before it is checked first</source>
        <translation>{after}进展不顺，因此先检查它之前的这个知识点</translation>
    </message>
    <message>
        <source>needed for {skills}, which is not going well</source>
        <translation>是进展不顺的{skills}的基础</translation>
    </message>
    <message>
        <source>needed for {skills}, which are not going well</source>
        <translation>是进展不顺的{skills}的基础</translation>
    </message>
    <message>
        <source>a stretch: prerequisites not yet mastered: {skills}</source>
        <translation>挑战：前置知识点尚未掌握：{skills}</translation>
    </message>
    <message>
        <source>a stretch: not yet mastered</source>
        <translation>挑战：尚未掌握</translation>
    </message>
    <message>
        <source>ready to learn: its prerequisites are taken as known, as later skills went well</source>
        <translation>可以学习：后面的知识点学得好，所以暂且把前置知识点视为已掌握</translation>
    </message>
    <message>
        <source>ready to learn: its prerequisites are secure enough to build on</source>
        <translation>可以学习：前置知识点已足够扎实</translation>
    </message>
    <message>
        <source>ready to learn: its prerequisites are mastered</source>
        <translation>可以学习：前置知识点已掌握</translation>
    </message>
    <message>
        <source>ready to learn: it needs no other skill first</source>
        <translation>可以学习：无需先掌握其他知识点</translation>
    </message>
    <message>
        <source>about {percent}% chance of success on this exercise</source>
        <translation>这道题的答对概率约 {percent}%</translation>
    </message>
    <message>
        <source>to keep practising: its prerequisites are taken as known, as later skills went well</source>
        <translation>继续练习：后面的知识点学得好，所以暂且把前置知识点视为已掌握</translation>
    </message>
    <message>
        <source>to keep practising: its prerequisites are secure enough to build on</source>
        <translation>继续练习：前置知识点已足够扎实</translation>
    </message>
    <message>
        <source>to keep practising: its prerequisites are mastered</source>
        <translation>继续练习：前置知识点已掌握</translation>
    </message>
    <message>
        <source>to keep practising: it needs no other skill first</source>
        <translation>继续练习：无需先掌握其他知识点</translation>
    </message>
    <message>
        <source>an easier exercise of the skill: about {percent}% chance of success on it</source>
        <translation>这道题比较容易：答对概率约 {percent}%</translation>
    </message>
    <message>
        <source>seen recently (no fresh exercise left)</source>
        <translation>最近做过（没有新的练习了）</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Lamplight estimates each student's chance of success on each exercise with a student model that learned from thousands of students. It can also learn from your class's own answers; a new version is kept only if it predicts answers it has not seen better than the current one.</source>
        <translation>Lamplight 用一个从数千名学生的数据中学习而来的学生模型，估计每个学生答对每道练习的概率。它还能从您班级自己的作答中学习；只有当新版本对没见过的作答预测得比当前版本更准时，才会采用新版本。</translation>
    </message>
    <message>
        <source>How well the model fits this class</source>
        <translation>模型与本班的吻合程度</translation>
    </message>
    <message>
        <source>Press “Improve the model on this class” to check and improve the fit.</source>
        <translation>点击“用本班数据改进模型”来检查并改进吻合程度。</translation>
    </message>
    <message>
        <source>Learning from this class</source>
        <translation>从本班学习</translation>
    </message>
    <message>
        <source>Improve the model on this class</source>
        <translation>用本班数据改进模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Also learn by itself after every {count} new answers (every class on this laptop)</source>
        <translation>每有 {count} 次新作答，也自动学习一次（这台电脑上的所有班级）</translation>
    </message>
    <message>
        <source>You can keep working while it learns; other screens stay usable.</source>
        <translation>学习期间您可以继续工作，其他页面照常可用。</translation>
    </message>
    <message>
        <source>Earlier versions</source>
        <translation>以前的版本</translation>
    </message>
    <message>
        <source>Go back to the selected version</source>
        <translation>换回选中的版本</translation>
    </message>
    <message>
        <source>Use the model that ships with Lamplight</source>
        <translation>使用 Lamplight 自带的模型</translation>
    </message>
    <message>
        <source>Model in use: the model that ships with Lamplight.</source>
        <translation>正在使用的模型：Lamplight 自带的模型。</translation>
    </message>
    <message>
        <source>No earlier versions yet: one is kept each time learning replaces the model.</source>
        <translation>还没有以前的版本：每次学习替换模型时都会保留一个。</translation>
    </message>
    <message>
        <source>(in use now)</source>
        <translation>（正在使用）</translation>
    </message>
    <message>
        <source>Model in use: the district model, adopted for this class on {date}.</source>
        <translation>正在使用的模型：学区模型，于 {date} 为本班采用。</translation>
    </message>
    <message>
        <source>Model in use: an earlier version, kept on {date} ({what}).</source>
        <translation>正在使用的模型：{date} 保存的较早版本（{what}）。</translation>
    </message>
    <message>
        <source>Model in use: the model improved on this class on {date}.</source>
        <translation>正在使用的模型：于 {date} 用本班数据改进的模型。</translation>
    </message>
    <message>
        <source>the model as it was before it learned from this class's answers</source>
        <translation>从本班答题中学习之前的模型</translation>
    </message>
    <message>
        <source>the model as it was before the district model was used</source>
        <translation>使用学区模型之前的模型</translation>
    </message>
    <message>
        <source>the district model, used because it predicted this class's answers at least as well</source>
        <translation>学区模型（因为它对本班作答的预测至少一样好而采用）</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Working: {percent:.0%}</source>
        <translation>进行中：{percent:.0%}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Cancelled: the model was not changed.</source>
        <translation>已取消：模型没有改变。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Not enough answers yet to learn from this class. Give a quiz or some practice first.</source>
        <translation>本班的作答还不够，无法学习。请先进行测验或练习。</translation>
    </message>
    <message>
        <source>The new model is used now: its chances of success fit this class's latest {answers} answers more closely (it is less often very sure and wrong), though it predicts {after:.0%} of them correctly, against {before:.0%} before.</source>
        <translation>现在使用新模型：它给出的答对概率与本班最近 {answers} 次作答更吻合（很有把握却判断错的情况更少），不过它对其中 {after:.0%} 的作答判断对了，之前是 {before:.0%}。</translation>
    </message>
    <message>
        <source>Learning from another class now; this class can learn when that is done.</source>
        <translation>正在从另一个班学习；等它完成后，这个班才能学习。</translation>
    </message>
    <message>
        <source>Model in use: the model that ships with Lamplight. The model this class used since {date} could not be read (its file is damaged): press “Improve the model on this class” to learn from the class again, or use the district model again.</source>
        <translation>正在使用：Lamplight 自带的模型。这个班级自 {date} 起使用的模型无法读取（模型文件已损坏）：请按“用本班数据改进模型”重新从本班学习，或再次使用学区模型。</translation>
    </message>
    <message>
        <source>Model in use: the model that ships with Lamplight. The model this class used since {date} is not on this laptop (a backup holds the class's answers, not its model files): press “Improve the model on this class” to learn from the class again, or use the district model again.</source>
        <translation>正在使用：Lamplight 自带的模型。这个班级自 {date} 起使用的模型不在这台电脑上（备份保存的是班级的答题记录，不包括模型文件）：请按“用本班数据改进模型”重新从本班学习，或再次使用学区模型。</translation>
    </message>
    <message>
        <source>Model in use: the district model of round {round}, adopted for this class on {date}.</source>
        <translation>正在使用的模型：第 {round} 轮学区模型，于 {date} 为本班采用。</translation>
    </message>
    <message>
        <source>the district model of round {round}, used because it predicted this class's answers at least as well</source>
        <translation>第 {round} 轮学区模型（因为它对本班作答的预测至少一样好而采用）</translation>
    </message>
    <message>
        <source>the model improved on this class: it predicted {percent}% of the answers kept aside right</source>
        <translation>在本班上改进过的模型：留出的答案中它预测对了 {percent}%</translation>
    </message>
    <message>
        <source>the model improved on this class</source>
        <translation>在本班上改进过的模型</translation>
    </message>
    <message>
        <source>Learning from the class's new answers…</source>
        <translation>正在从本班的新作答中学习……</translation>
    </message>
    <message>
        <source>Checked on {day}: {text}</source>
        <translation>{day}检查：{text}</translation>
    </message>
    <message>
        <source>The district model is used now: its chances of success fit this class's latest {answers} answers more closely (it is less often very sure and wrong); it predicts {after:.0%} of them correctly, as the model before did.</source>
        <translation>现在使用学区模型：它给出的答对概率与本班最近 {answers} 次作答更吻合（很有把握却判断错的情况更少）；它对其中 {after:.0%} 的作答判断对了，和之前的模型一样。</translation>
    </message>
    <message>
        <source>The district model is used now: its chances of success fit this class's latest {answers} answers more closely (it is less often very sure and wrong), though it predicts {after:.0%} of them correctly, against {before:.0%} with the model before.</source>
        <translation>现在使用学区模型：它给出的答对概率与本班最近 {answers} 次作答更吻合（很有把握却判断错的情况更少），不过它对其中 {after:.0%} 的作答判断对了，之前的模型是 {before:.0%}。</translation>
    </message>
    <message>
        <source>The new model is used now: its chances of success fit this class's latest {answers} answers more closely (it is less often very sure and wrong); it predicts {after:.0%} of them correctly, as before.</source>
        <translation>现在使用新模型：它给出的答对概率与本班最近 {answers} 次作答更吻合（很有把握却判断错的情况更少）；它对其中 {after:.0%} 的作答判断对了，和之前一样。</translation>
    </message>
    <message>
        <source>The model now predicts {after:.0%} of this class's answers correctly; it was {before:.0%} before. (Checked on the latest {answers} answers, which it did not learn from.)</source>
        <translation>模型现在能正确预测本班 {after:.0%} 的作答，之前是 {before:.0%}。（用最近的 {answers} 次作答检验，模型没有从这些作答中学习。）</translation>
    </message>
    <message>
        <source>The model predicts {before:.0%} of this class's answers correctly. Learning from the class gave one that predicts {after:.0%} correctly, but whose chances of success fit the latest answers less closely (it is more often very sure and wrong), so the current model is kept.</source>
        <translation>模型能正确预测本班 {before:.0%} 的作答。这次从本班学到的模型能判断对 {after:.0%}，但它给出的答对概率与最近的作答不如当前模型吻合（很有把握却判断错的情况更多），所以保留当前模型。</translation>
    </message>
    <message>
        <source>The model predicts {before:.0%} of this class's answers correctly. Learning from the class did not improve it this time ({after:.0%}), so the current model is kept.</source>
        <translation>模型能正确预测本班 {before:.0%} 的作答。这次从本班学习没有带来改进（{after:.0%}），所以保留当前模型。</translation>
    </message>
    <message>
        <source>Use the model that ships with Lamplight for this class? The model in use now stays in Earlier versions, to go back to.</source>
        <translation>这个班改用 Lamplight 自带的模型吗？现在使用的模型会留在“以前的版本”里，以后可以改回来。</translation>
    </message>
    <message>
        <source>Use the shipped model</source>
        <translation>使用自带的模型</translation>
    </message>
    <message>
        <source>Keep the model in use</source>
        <translation>保留现在的模型</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>换回</translation>
    </message>
    <message>
        <source>Use this earlier version of the model again?</source>
        <translation>重新使用这个以前版本的模型吗？</translation>
    </message>
    <message>
        <source>Learning with other schools</source>
        <translation>与其他学校一起学习</translation>
    </message>
    <message>
        <source>Share what this laptop learned as a file for your district (on a USB stick). It holds only totals over at least 10 students per exercise: no names, no answers, nothing about any one child.</source>
        <translation>把这台电脑学到的内容存成一个文件，交给学区（用 U 盘带去）。文件里只有每道练习至少 10 名学生的合计数字：没有姓名，没有答案，也没有任何一个孩子的信息。</translation>
    </message>
    <message>
        <source>Extra privacy: add random noise to the totals</source>
        <translation>加强隐私保护：在合计数字中加入随机噪声</translation>
    </message>
    <message>
        <source>Adds random noise to the totals in the file, so that nobody, even with every school's file, can tell whether any one child's answers are in it. The file states the privacy level it gives (differential privacy, ε = {epsilon:g}).</source>
        <translation>在文件里的合计数字中加入随机噪声，这样即使拿到所有学校的文件，也没有人能看出某个孩子的答题是否在其中。文件中写明了它提供的隐私程度（差分隐私，ε = {epsilon:g}）。</translation>
    </message>
    <message>
        <source>Share what this laptop learned…</source>
        <translation>分享这台电脑学到的内容…</translation>
    </message>
    <message>
        <source>Use the district model…</source>
        <translation>使用学区模型…</translation>
    </message>
    <message>
        <source>District key file…</source>
        <translation>学区密钥文件…</translation>
    </message>
    <message>
        <source>Only if your district gave you a key file: the files this laptop shares are then signed with it, and a district model is used only if it was signed with it. The key itself never goes into a shared file.</source>
        <translation>只有学区给了您密钥文件时才需要：这台电脑分享的文件会用它签名，学区模型也只有用它签过名才会被使用。密钥本身绝不会写进分享的文件。</translation>
    </message>
    <message>
        <source>Stop using the key</source>
        <translation>不再使用密钥</translation>
    </message>
    <message>
        <source>District key: none. Files from this laptop are not signed; choose a key file only if your district gave you one.</source>
        <translation>学区密钥：无。本机导出的文件不带签名；只有学区给了您密钥文件时才需要选择。</translation>
    </message>
    <message>
        <source>District key: {file}. Files shared from this laptop are signed with it, and a district model is used only if it was signed with it.</source>
        <translation>学区密钥：{file}。这台电脑分享的文件会用它签名，学区模型也只有用它签过名才会被使用。</translation>
    </message>
    <message>
        <source>District key files (*.key *.txt);;All files (*)</source>
        <translation>学区密钥文件 (*.key *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This file was not taken as the district key. Nothing was changed.</source>
        <translation>这个文件没有被用作学区密钥。没有任何改动。</translation>
    </message>
    <message>
        <source>Then nobody can tell from the file whether any one child took part. The cost: an exercise is shared only when about {needed} students have answered it (instead of {minimum}), so the district model learns less from this school, and a single class often shares nothing.</source>
        <translation>这样，谁也无法从文件看出某个孩子是否参与其中。代价是：一道练习要有大约 {needed} 名学生做过才会被分享（不加噪声时为 {minimum} 名），所以学区模型从本校学到的会更少，只有一个班时常常什么也分享不了。</translation>
    </message>
    <message>
        <source>Lamplight district files (*.json)</source>
        <translation>Lamplight 学区文件 (*.json)</translation>
    </message>
    <message>
        <source>Writing the file for the district…</source>
        <translation>正在写给学区的文件…</translation>
    </message>
    <message>
        <source>Saved {file}: what the class's students taught the model about {exercises} and {skills}, with no names or answers.</source>
        <translation>已保存 {file}：本班学生让模型学到的关于 {exercises}和 {skills}的内容，不含姓名和答案。</translation>
    </message>
    <message>
        <source>Saved {file}: what {students} students taught the model about {exercises} and {skills}, with no names or answers.</source>
        <translation>已保存 {file}：{students} 名学生让模型学到的关于 {exercises}和 {skills}的内容，不含姓名和答案。</translation>
    </message>
    <message>
        <source>1 exercise</source>
        <translation>1 道练习</translation>
    </message>
    <message>
        <source>{count} exercises</source>
        <translation>{count} 道练习</translation>
    </message>
    <message>
        <source>1 skill</source>
        <translation>1 个知识点</translation>
    </message>
    <message>
        <source>{count} skills</source>
        <translation>{count} 个知识点</translation>
    </message>
    <message>
        <source>Privacy noise was added (ε = {epsilon:g}).</source>
        <translation>已加入隐私噪声（ε = {epsilon:g}）。</translation>
    </message>
    <message>
        <source>It is signed with the district key.</source>
        <translation>文件已用学区密钥签名。</translation>
    </message>
    <message>
        <source>The file for the district was not saved. Nothing was changed.</source>
        <translation>给学区的文件没有保存。没有任何改动。</translation>
    </message>
    <message>
        <source>Untick “Extra privacy” to share this class's totals without the noise.</source>
        <translation>取消勾选“加强隐私保护”，就可以不加噪声分享本班的合计数字。</translation>
    </message>
    <message>
        <source>Without the noise an exercise still needs answers from at least {minimum} students, so this class cannot share yet either way.</source>
        <translation>不加噪声时，一道练习也要有至少 {minimum} 名学生做过，所以无论哪种方式，本班现在都还不能分享。</translation>
    </message>
    <message>
        <source>Lamplight district files (*.json);;All files (*)</source>
        <translation>Lamplight 学区文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the district model on this class…</source>
        <translation>正在用本班检查学区模型…</translation>
    </message>
    <message>
        <source>This district model is already used for this class. Nothing was changed.</source>
        <translation>本班已经在使用这个学区模型。没有做任何更改。</translation>
    </message>
    <message>
        <source>Not enough answers yet to check the district model on this class. The current model is kept.</source>
        <translation>本班的答题还不够，无法检查学区模型。继续使用现在的模型。</translation>
    </message>
    <message>
        <source>The district model is now used for this class: it predicts {after:.0%} of the class's latest {answers} answers correctly; the model before predicted {before:.0%}. (Neither model learned from those answers.)</source>
        <translation>本班现在使用学区模型：它对本班最近 {answers} 次作答的预测正确率为 {after:.0%}，原来的模型为 {before:.0%}。（两个模型都没有从这些作答中学习。）</translation>
    </message>
    <message>
        <source>The district model was not adopted: it predicts {after:.0%} of this class's latest {answers} answers correctly (the current model {before:.0%}), but its chances of success fit them less closely (it is more often very sure and wrong). The current model is kept.</source>
        <translation>没有采用学区模型：它对本班最近 {answers} 次作答中的 {after:.0%} 判断对了（当前模型为 {before:.0%}），但它给出的答对概率与这些作答不如当前模型吻合（很有把握却判断错的情况更多）。保留当前模型。</translation>
    </message>
    <message>
        <source>The district model was not adopted: it predicts this class's latest {answers} answers less well than the current model ({after:.0%} correct against {before:.0%}). The current model is kept.</source>
        <translation>没有采用学区模型：它对本班最近 {answers} 次作答的预测不如现在的模型（正确率 {after:.0%}，现在的模型为 {before:.0%}）。继续使用现在的模型。</translation>
    </message>
    <message>
        <source>This file was not used: it was not signed with this laptop's district key. Nothing was changed.</source>
        <translation>没有使用这个文件：它不是用这台电脑的学区密钥签名的。没有任何改动。</translation>
    </message>
    <message>
        <source>This file was not used: this laptop's district key file cannot be read. Nothing was changed.</source>
        <translation>没有使用这个文件：无法读取这台电脑的学区密钥文件。没有任何改动。</translation>
    </message>
    <message>
        <source>If your district gave you another key file, choose it with “District key file…” and try again.</source>
        <translation>如果学区给了您另一个密钥文件，请用“学区密钥文件…”选择它，然后再试一次。</translation>
    </message>
    <message>
        <source>This file was not used. Nothing was changed.</source>
        <translation>没有使用这个文件。什么也没有改变。</translation>
    </message>
    <message>
        <source>This district model is signed with your district's key. To check that it really comes from your district, Lamplight needs the district key file (a small file your district gave you). Choose it now?</source>
        <translation>这个学区模型是用您所在学区的密钥签名的。为了确认它确实来自您的学区，Lamplight 需要学区密钥文件（学区给您的一个小文件）。现在选择吗？</translation>
    </message>
    <message>
        <source>This file was not used: it is signed with a district key, and this laptop has none. Choose the key file with “District key file…” and try again. Nothing was changed.</source>
        <translation>没有使用这个文件：它是用学区密钥签名的，而这台电脑还没有密钥。请用“学区密钥文件…”选择密钥文件，然后再试一次。没有任何改动。</translation>
    </message>
</context>
<context>
    <name>NewQuizDialog</name>
    <message>
        <source>New quiz</source>
        <translation>新建测验</translation>
    </message>
    <message>
        <source>Quiz {number}</source>
        <translation>第{number}次测验</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>全班</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>All skills</source>
        <translation>全部知识点</translation>
    </message>
    <message>
        <source>Skill:</source>
        <translation>知识点：</translation>
    </message>
    <message>
        <source>Type to filter exercises by text or skill</source>
        <translation>输入文字或知识点来筛选练习</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <source>{prompt}   [{skills}]</source>
        <translation>{prompt} 【{skills}】</translation>
    </message>
    <message>
        <source>Or let Lamplight pick</source>
        <translation>或者让 Lamplight 为学生正在学的每个知识点各挑</translation>
    </message>
    <message>
        <source>exercises for each skill they are working on</source>
        <translation>道练习</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>挑选</translation>
    </message>
    <message>
        <source>Show only the ticked exercises</source>
        <translation>只显示已勾选的练习</translation>
    </message>
    <message>
        <source>The exercise bank is empty. Close this window, open Exercise bank and press “Add the starter exercises” (or add your own), then make the quiz.</source>
        <translation>练习题库还是空的。请关闭这个窗口，打开“练习题库”，按“添加内置练习”（或自己添加练习），然后再新建测验。</translation>
    </message>
    <message>
        <source>{count} exercises chosen.</source>
        <translation>已选 {count} 道练习。</translation>
    </message>
    <message>
        <source>The group “{group}” has no children, so there is nothing to pick for: add children to it in Classes &amp; students, or choose another group under “For”.</source>
        <translation>小组“{group}”里还没有孩子，无法为他们选题：请在“班级和学生”中给这个小组添加孩子，或在“对象”中选择其他小组。</translation>
    </message>
    <message>
        <source>No answers yet, so Lamplight starts with easier exercises across the skills you chose.</source>
        <translation>还没有作答记录，所以 Lamplight 先从您选的知识点中较容易的练习开始。</translation>
    </message>
    <message>
        <source>No answers yet, so Lamplight starts with easier exercises across the first skills (choose a Skill above, or type in Search, for your class's own).</source>
        <translation>还没有作答记录，所以 Lamplight 先从前几个知识点中较容易的练习开始（在上面选一个知识点，或在搜索框中输入，可换成您班上在学的）。</translation>
    </message>
    <message>
        <source>Choosing exercises…</source>
        <translation>正在挑选练习…</translation>
    </message>
    <message>
        <source>A first pick, from the answers alone. Lamplight is getting to know this class's exercises (once per class) and will improve the pick in a moment; you can already change the ticks or press OK.</source>
        <translation>这是只根据作答挑出的初步结果。Lamplight 正在了解本班的各道练习（每个班级只需一次），随后会改进挑选；您现在就可以修改勾选或按“确定”。</translation>
    </message>
    <message>
        <source>Getting to know this class's exercises…</source>
        <translation>正在了解本班的各道练习…</translation>
    </message>
    <message>
        <source>Picked with this class's model.</source>
        <translation>已用本班的模型挑选。</translation>
    </message>
    <message>
        <source>This class's model is ready; your ticks are kept. Press Pick to let it choose.</source>
        <translation>本班的模型已准备好；您的勾选保持不变。按“挑选”让它来选。</translation>
    </message>
</context>
<context>
    <name>OwnBackupDialog</name>
    <message>
        <source>Add a class from a backup</source>
        <translation>从备份添加班级</translation>
    </message>
    <message>
        <source>Choose one of this laptop's backups, or a backup file from elsewhere (a USB stick, a colleague's laptop).</source>
        <translation>请选择这台电脑上的一个备份，或者其他地方的备份文件（U 盘、同事的电脑）。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>其他文件…</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Forgot it? Use the recovery key…</source>
        <translation>忘记了？使用恢复密钥…</translation>
    </message>
</context>
<context>
    <name>PasswordTexts</name>
    <message>
        <source>Teacher password</source>
        <translation>教师密码</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Teacher password:</source>
        <translation>教师密码：</translation>
    </message>
    <message>
        <source>That is not the teacher password.</source>
        <translation>教师密码不正确。</translation>
    </message>
    <message>
        <source>Choose a teacher password (at least 4 characters). It opens your screens when Lamplight starts, after the screen locks and to leave practice mode, so students cannot reach them:</source>
        <translation>请设置教师密码（至少 4 个字符）。启动 Lamplight、屏幕锁定之后以及退出练习模式时都需要它，这样学生就无法进入教师页面：</translation>
    </message>
    <message>
        <source>The two passwords were different. Type the new password again.</source>
        <translation>两次输入的密码不一样。请重新输入新密码。</translation>
    </message>
    <message>
        <source>The data on this computer is encrypted, so the password must be strong: at least {n} characters, not all digits and not a common password, for example three unrelated words with a number.</source>
        <translation>这台电脑上的数据已加密，所以密码必须够强：至少 {n} 个字符，不能全是数字，也不能是常见密码，例如三个不相关的词加一个数字。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: Lamplight closes now. Start it again to try once more; if the password is forgotten, type the recovery key at the same question.</source>
        <translation>密码错误次数太多，Lamplight 现在关闭。请重新打开再试；如果忘记了密码，可以在同一个问题里输入恢复密钥。</translation>
    </message>
    <message>
        <source>Lamplight data is damaged</source>
        <translation>Lamplight 数据已损坏</translation>
    </message>
    <message>
        <source>{error}

The latest good backup is from {created}. Put it back now? Answers typed after that backup are not in it. The damaged file is kept.</source>
        <translation>{error}

最近一份完好的备份来自 {created}。现在恢复它吗？该备份之后输入的作答不在其中。损坏的文件会被保留。</translation>
    </message>
    <message>
        <source>Lamplight was locked after a while without use. Type the teacher password to go on:</source>
        <translation>Lamplight 闲置一段时间后已锁定。请输入教师密码继续：</translation>
    </message>
    <message>
        <source>Lamplight is protected by the teacher password. Type it to open the teacher screens:</source>
        <translation>Lamplight 受教师密码保护。请输入密码以打开教师页面：</translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait {seconds} seconds before the next try.</source>
        <translation>密码错误次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>That was the recovery key. Choose a new teacher password:</source>
        <translation>这是恢复密钥。请设置新的教师密码：</translation>
    </message>
    <message>
        <source>The data on this computer is encrypted. Type the teacher password (or the recovery key) to open it:</source>
        <translation>这台电脑上的数据已加密。请输入教师密码（或恢复密钥）来打开：</translation>
    </message>
    <message>
        <source>The teacher password is set.

If you ever forget it, this recovery key sets a new one. Write it down or print it now and keep it somewhere safe; it is shown only this once:

{key}</source>
        <translation>教师密码已设置。

如果忘记密码，可以用这个恢复密钥设置新密码。请现在把它抄下来或打印出来，并妥善保管；它只显示这一次：

{key}</translation>
    </message>
    <message>
        <source>The teacher password is set.

Backups saved to USB sticks before today still open only with the old password or the old recovery key (the one you just typed): keep that key with them.

If you ever forget the new password, this new recovery key sets another. Write it down or print it now and keep it somewhere safe; it is shown only this once:</source>
        <translation>教师密码已设置。

今天之前存到U盘的备份，仍然只能用旧密码或旧的恢复密钥（就是您刚才输入的那个）打开：请把那个密钥和这些备份放在一起保管。

如果以后忘了新密码，可以用这个新的恢复密钥重新设置。请现在抄下来或打印出来，妥善保管；它只显示这一次：</translation>
    </message>
    <message>
        <source>Type the recovery key you wrote down (or printed) when the password was set:</source>
        <translation>请输入设置密码时您抄下（或打印）的恢复密钥：</translation>
    </message>
    <message>
        <source>That is not the recovery key of this Lamplight. Nothing was changed.</source>
        <translation>这不是本 Lamplight 的恢复密钥。没有做任何更改。</translation>
    </message>
    <message>
        <source>Lamplight is already open on this computer. Switch to the Lamplight window that is open (look in the task bar), or close it and start Lamplight again.</source>
        <translation>Lamplight 已经打开了。请切换到已打开的 Lamplight 窗口（在任务栏中查找），或者关闭它后再重新启动 Lamplight。</translation>
    </message>
    <message>
        <source>Type the same password again:</source>
        <translation>请再输入一次相同的密码：</translation>
    </message>
</context>
<context>
    <name>PictureDialog</name>
    <message>
        <source>How to use Lamplight</source>
        <translation>如何使用 Lamplight</translation>
    </message>
</context>
<context>
    <name>PracticePage</name>
    <message>
        <source>Practice mode</source>
        <translation>练习模式</translation>
    </message>
    <message>
        <source>Students take turns on this laptop: each picks their name and answers exercises chosen for them, marked at once. While practice mode is on, your screens are locked; leaving it needs the teacher password.</source>
        <translation>学生轮流使用这台电脑：每人选择自己的名字，回答为他挑选的练习，并立即得到批改。练习模式开启时，教师页面会被锁定；退出需要教师密码。</translation>
    </message>
    <message>
        <source>Exercises in each student's turn:</source>
        <translation>每位学生每轮的题数：</translation>
    </message>
    <message>
        <source>Start practice mode</source>
        <translation>开始练习模式</translation>
    </message>
    <message>
        <source>Who is practising? Tap your name.</source>
        <translation>谁来练习？点一下你的名字。</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Check ✓</source>
        <translation>提交 ✓</translation>
    </message>
    <message>
        <source>Next ➜</source>
        <translation>下一题 ➜</translation>
    </message>
    <message>
        <source>This class is archived: restore it in Classes &amp; students before its students practise.</source>
        <translation>这个班级已归档：请先在“班级和学生”中恢复它，学生才能练习。</translation>
    </message>
    <message>
        <source>The exercise bank has no exercises the laptop can mark yet: in Exercise bank, press “Add the starter exercises” or import an exercise pack first.</source>
        <translation>练习题库里还没有电脑能批改的练习：请先在“练习题库”中按“添加内置练习”，或导入题包。</translation>
    </message>
    <message>
        <source>Answers not saved</source>
        <translation>答案没有保存</translation>
    </message>
    <message>
        <source>{number} of {total}</source>
        <translation>第 {number} 题，共 {total} 题</translation>
    </message>
    <message>
        <source>Tap an answer first.</source>
        <translation>请先点一个答案。</translation>
    </message>
    <message>
        <source>Type your answer first.</source>
        <translation>请先写出答案。</translation>
    </message>
    <message>
        <source>Your answer could not be saved. Please tell your teacher.</source>
        <translation>你的答案没能保存。请告诉老师。</translation>
    </message>
    <message>
        <source>Thank you! Your teacher will read your answer.</source>
        <translation>谢谢你！老师会看你的答案。</translation>
    </message>
    <message>
        <source>Right! Well done. ★</source>
        <translation>答对了！真棒。★</translation>
    </message>
    <message>
        <source>Good try! The answer is {answer}. Mistakes help us learn.</source>
        <translation>没关系！正确答案是 {answer}。做错了也能学到东西。</translation>
    </message>
    <message>
        <source>See my stars ➜</source>
        <translation>看看我的星星 ➜</translation>
    </message>
    <message>
        <source>Thank you, {name}!</source>
        <translation>谢谢你，{name}！</translation>
    </message>
    <message>
        <source>You stopped before the first question. Now let the next student have a turn.</source>
        <translation>你还没答第一题就停下了。现在请下一位同学来。</translation>
    </message>
    <message>
        <source>There are no exercises for you right now. Let the next student have a turn.</source>
        <translation>现在没有适合你的题目。请让下一位同学来练习。</translation>
    </message>
    <message>
        <source>Well done, {name}!</source>
        <translation>做得好，{name}！</translation>
    </message>
    <message>
        <source>Thank you for trying, {name}!</source>
        <translation>谢谢你认真做题，{name}！</translation>
    </message>
    <message>
        <source>1 star</source>
        <translation>1 颗星</translation>
    </message>
    <message>
        <source>{count} stars</source>
        <translation>{count} 颗星</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 道题</translation>
    </message>
    <message>
        <source>{count} answers</source>
        <translation>{count} 道题</translation>
    </message>
    <message>
        <source>Every try helps you learn. Keep going!</source>
        <translation>每一次尝试都在帮助你学习，继续加油！</translation>
    </message>
    <message>
        <source>You got {stars} for {answers}.</source>
        <translation>你做了 {answers}，得到 {stars}。</translation>
    </message>
    <message>
        <source>Your teacher will read 1 of your answers.</source>
        <translation>其中 1 个答案要等老师来看。</translation>
    </message>
    <message>
        <source>Your teacher will read {count} of your answers.</source>
        <translation>其中 {count} 个答案要等老师来看。</translation>
    </message>
    <message>
        <source>Now let the next student have a turn.</source>
        <translation>现在请让下一位同学来练习。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Leave practice mode (teacher)…</source>
        <translation>退出练习模式（教师）…</translation>
    </message>
    <message>
        <source>I am done</source>
        <translation>我做完了</translation>
    </message>
    <message>
        <source>Next student</source>
        <translation>下一位同学</translation>
    </message>
    <message>
        <source>This class has no students yet: add them in Classes &amp; students first.</source>
        <translation>这个班级还没有学生：请先在“班级和学生”中添加。</translation>
    </message>
    <message>
        <source>Getting practice ready…</source>
        <translation>正在准备练习…</translation>
    </message>
    <message>
        <source>Answers typed in practice mode could not be saved ({count} in all), so they are not in the class's results. The last reason: {reason}</source>
        <translation>练习模式中输入的答案没能保存（共 {count} 个），所以不在全班的成绩里。最后一次的原因：{reason}</translation>
    </message>
    <message>
        <source>Hello, {name}!</source>
        <translation>你好，{name}！</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>显示详细信息...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>隐藏详细信息...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>是(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否(&amp;N)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认值</translation>
    </message>
</context>
<context>
    <name>QuizPage</name>
    <message>
        <source>Paper quiz</source>
        <translation>纸笔测验</translation>
    </message>
    <message>
        <source>Quiz:</source>
        <translation>测验：</translation>
    </message>
    <message>
        <source>New quiz…</source>
        <translation>新建测验…</translation>
    </message>
    <message>
        <source>Print quiz (PDF)…</source>
        <translation>打印测验（PDF）…</translation>
    </message>
    <message>
        <source>Answer key (PDF)…</source>
        <translation>答案（PDF）…</translation>
    </message>
    <message>
        <source>Edit quiz…</source>
        <translation>编辑测验…</translation>
    </message>
    <message>
        <source>Marks book…</source>
        <translation>成绩册…</translation>
    </message>
    <message>
        <source>Every quiz of the class against every child, with each child's average.</source>
        <translation>全班每个学生在每次测验中的成绩，以及每个学生的平均分。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Q{number}</source>
        <translation>第{number}题</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>全班</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>Wrote: {answer}</source>
        <translation>学生答案：{answer}</translation>
    </message>
    <message>
        <source>Answer: {answer}</source>
        <translation>答案：{answer}</translation>
    </message>
    <message>
        <source>Waiting in “Mark written answers”: {answer}</source>
        <translation>在“批改书面答案”中等待批改：{answer}</translation>
    </message>
    <message>
        <source>Not marked yet: {answer}</source>
        <translation>待批改：{answer}</translation>
    </message>
    <message>
        <source>The share right of the answers marked so far; {count} more wait in “Mark written answers”.</source>
        <translation>已批改作答中答对的比例；另有 {count} 条在“批改书面答案”中等待批改。</translation>
    </message>
    <message>
        <source>{total} (+{count} to mark)</source>
        <translation>{total}（另有 {count} 题待批改）</translation>
    </message>
    <message>
        <source>Questions marked</source>
        <translation>已批题数</translation>
    </message>
    <message>
        <source>Answers to mark</source>
        <translation>待批改的作答</translation>
    </message>
    <message>
        <source>1</source>
        <comment>a right mark in the results grid (Chinese teachers write √)</comment>
        <translation>√</translation>
    </message>
    <message>
        <source>0</source>
        <comment>a wrong mark in the results grid (Chinese teachers write ×)</comment>
        <translation>×</translation>
    </message>
    <message>
        <source>Type a mark from 0 to 1, for example 0.5 or ½.</source>
        <translation>请输入 0 到 1 之间的分数，例如 0.5 或 ½。</translation>
    </message>
    <message>
        <source>Part marks are for questions you mark yourself; type 1 or 0, or press F2 to type what the student wrote.</source>
        <translation>部分分数只用于您自己批改的题目；请输入 1 或 0，或按 F2 输入学生写的答案。</translation>
    </message>
    <message>
        <source>Saved for “Mark written answers”: mark it there with the rest of the class's answers.</source>
        <translation>已保存到“批改书面答案”：请在那里和全班的其他答案一起批改。</translation>
    </message>
    <message>
        <source>What the student wrote: Enter marks it with the answer key (a 1 or a 0 alone is a mark: to type 10 as an answer, press F2 first).</source>
        <translation>这是学生写的答案：按回车，按标准答案批改（单独的 1 或 0 是对错标记：要输入 10 这样的答案，请先按 F2）。</translation>
    </message>
    <message>
        <source>Mark or answer?</source>
        <translation>是分数还是答案？</translation>
    </message>
    <message>
        <source>“{text}” is not a mark from 0 to 1. Is it what the student wrote? It is then kept for “Mark written answers”, to be marked there.</source>
        <translation>“{text}”不是 0 到 1 之间的分数。这是学生写的答案吗？如果是，它会保存到“批改书面答案”，在那里批改。</translation>
    </message>
    <message>
        <source>Keep it as what the student wrote</source>
        <translation>作为学生写的答案保存</translation>
    </message>
    <message>
        <source>No, type the mark again</source>
        <translation>不是，重新输入分数</translation>
    </message>
    <message>
        <source>Mark {name} absent for this quiz? Their answers on it ({count}) are removed (an absent child's quiz counts for nothing).</source>
        <translation>把 {name} 记为这次测验缺席吗？这个孩子在这次测验中的作答（{count} 条）会被删除（缺席孩子的测验不计入）。</translation>
    </message>
    <message>
        <source>Mark absent</source>
        <translation>记为缺席</translation>
    </message>
    <message>
        <source>Keep the answers</source>
        <translation>保留作答</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Total (highest first)</source>
        <translation>总分（从高到低）</translation>
    </message>
    <message>
        <source>Difficult questions…</source>
        <translation>难题…</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>The student in the selected row is absent for this quiz (or here after all).</source>
        <translation>把所选学生记为本次测验缺席（再点一次改回到场）。</translation>
    </message>
    <message>
        <source>Student's answers…</source>
        <translation>学生答题详情…</translation>
    </message>
    <message>
        <source>The selected student's quiz question by question: what they wrote, their mark and the answer key (double-click a name does the same).</source>
        <translation>所选学生这次测验的逐题情况：学生写的答案、批改结果和参考答案（双击姓名也可以打开）。</translation>
    </message>
    <message>
        <source>Mark present</source>
        <translation>取消缺席</translation>
    </message>
    <message>
        <source>All changes saved.</source>
        <translation>所有更改已保存。</translation>
    </message>
    <message>
        <source>The last change was NOT saved: the grid shows what is saved.</source>
        <translation>最后一次改动没有保存：表格里显示的是已保存的内容。</translation>
    </message>
    <message>
        <source>{title} ({when})</source>
        <translation>{title}（{when}）</translation>
    </message>
    <message>
        <source>Choose or create a class first (Classes &amp; students).</source>
        <translation>请先选择或创建班级（班级和学生）。</translation>
    </message>
    <message>
        <source>No quiz yet for this class. Press “New quiz…”, pick exercises (or let Lamplight pick them per skill), then print it.</source>
        <translation>这个班级还没有测验。请点击“新建测验…”，挑选练习（或让 Lamplight 按知识点挑选），然后打印。</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>{first} and {second} were taken as two marks, one for each question. If the student wrote {first}{second}: press Ctrl+Z twice, then F2 on the first of the two questions.</source>
        <translation>{first} 和 {second} 已分别记为两道题的批改结果。若学生写的答案是 {first}{second}：请按两次 Ctrl+Z，再在两道题中的第一道上按 F2 输入。</translation>
    </message>
    <message>
        <source>Given to</source>
        <translation>测验对象</translation>
    </message>
    <message>
        <source>1 child outside “{group}” has marks on this quiz.</source>
        <translation>“{group}”以外有 1 名学生在这次测验中已有成绩。</translation>
    </message>
    <message>
        <source>{count} children outside “{group}” have marks on this quiz.</source>
        <translation>“{group}”以外有 {count} 名学生在这次测验中已有成绩。</translation>
    </message>
    <message>
        <source>Give the quiz to “{group}” only? The other children's marks are kept, but leave the grid, its figures and the Marks book until you choose “Whole class” again.</source>
        <translation>只把这次测验给“{group}”吗？其他学生的成绩会保留，但在您重新选择“全班”之前，不会出现在表格、统计数字和成绩册中。</translation>
    </message>
    <message>
        <source>Give it to the group only</source>
        <translation>只给这个小组</translation>
    </message>
    <message>
        <source>Students with marks: {entered} · absent: {absent} · not yet entered: {waiting}</source>
        <translation>已输入：{entered} 人 · 缺席：{absent} 人 · 未输入：{waiting} 人</translation>
    </message>
    <message>
        <source> · joined the class after this quiz: {count}</source>
        <translation> · 测验之后才加入本班：{count} 人</translation>
    </message>
    <message>
        <source>Quiz deleted; the children's answers to it stay.</source>
        <translation>测验已删除；孩子们的作答都保留着。</translation>
    </message>
    <message>
        <source>Quiz saved; marks of the questions that stay are kept.</source>
        <translation>测验已保存；保留下来的题目的分数都还在。</translation>
    </message>
    <message>
        <source>Edit quiz</source>
        <translation>编辑测验</translation>
    </message>
    <message>
        <source>Print the quiz and its answer key again: it has other questions now.</source>
        <translation>请重新打印测验和答案：测验里的题目已经变了。</translation>
    </message>
    <message>
        <source>answer key</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>班级：</translation>
    </message>
    <message>
        <source>Student number:</source>
        <translation>学号：</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Answer key</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>{name} (now in {class_name})</source>
        <translation>{name}（现在在{class_name}）</translation>
    </message>
    <message>
        <source>{percent}*</source>
        <translation>{percent}*</translation>
    </message>
    <message>
        <source>Type 1 or √ (right), 0 or × (wrong), or press F2 to type what the student wrote. On a multiple-choice question, type the letter the student circled. “Mark absent” marks a child absent (A does too, on a question without choices).</source>
        <translation>输入 1 或 √（对）、0 或 ×（错），或按 F2 输入学生写的答案。选择题请输入学生圈出的选项字母。“记为缺席”把学生记为缺席（非选择题上按 A 也可以）。</translation>
    </message>
    <message>
        <source>Given to:</source>
        <translation>测验对象：</translation>
    </message>
    <message>
        <source>Who sat this quiz: the grid, its figures and the Marks book count only them. Marks typed for other children are kept, and shown again with “Whole class”.</source>
        <translation>参加这次测验的学生：表格、统计数字和成绩册只统计他们。已为其他学生输入的成绩会保留，选择“全班”后重新显示。</translation>
    </message>
    <message>
        <source>Click a cell to start marking. Type 1 (or √) for right and 0 (or ×) for wrong; the cursor moves on by itself. On a multiple-choice question, type the letter the student circled (there A is choice A: “Mark absent” marks a student absent). Elsewhere A marks a student absent (not counted as wrong). For questions you mark yourself, type a part mark like ½ or 0.5 and Enter. F2 types what a student wrote: Lamplight marks it, and a written answer that is not the key waits in “Mark written answers”. Delete clears, Ctrl+Z undoes. Changes are saved as you type.</source>
        <translation>先点一个格子再开始录入。输入 1（或 √）表示对，0（或 ×）表示错，光标会自动移到下一格。选择题直接输入学生圈出的选项字母（这一列的 A 是选项 A；要标记缺席请点“记为缺席”）。其他题目按 A 标记学生缺席（不算答错）。您自己批改的题目可以输入部分分数，例如 ½ 或 0.5，再按回车。按 F2 输入学生写的答案，由 Lamplight 批改；与标准答案不同的文字答案会留在“批改书面答案”里等您批改。Delete 清除，Ctrl+Z 撤销。输入后立即保存。</translation>
    </message>
    <message>
        <source> · written answers waiting for a mark (grey; * on the class row: of those marked so far): {count}</source>
        <translation> · 待批改的书面答案（灰色；全班一行带 * 的比例只算已批改的）：{count}</translation>
    </message>
    <message>
        <source>Q{old} of the printed quiz is now Q{new}</source>
        <translation>打印出来的第{old}题现在是第{new}题</translation>
    </message>
    <message>
        <source>The questions are numbered anew ({moves}): print the quiz and its answer key again.</source>
        <translation>题目已重新编号（{moves}）：请重新打印测验和答案。</translation>
    </message>
    <message>
        <source>Enter the marks of {questions} for every child: until then the children's averages leave this quiz out.</source>
        <translation>请为每个学生录入{questions}的分数：录入之前，学生的平均分不计这次测验。</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>I have kept it safe</source>
        <translation>我已妥善保存</translation>
    </message>
    <message>
        <source>Close without keeping the recovery key? It is shown only this once: without it, a forgotten teacher password cannot be reset.</source>
        <translation>不保存恢复密钥就关闭吗？它只显示这一次：没有它，忘记的教师密码就无法重设。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Go back to the key</source>
        <translation>返回密钥</translation>
    </message>
    <message>
        <source>Copied. Paste it somewhere safe, not in a file the students can open.</source>
        <translation>已复制。请粘贴到安全的地方，不要放在学生能打开的文件里。</translation>
    </message>
    <message>
        <source>Lamplight: recovery key for the teacher password</source>
        <translation>Lamplight：教师密码的恢复密钥</translation>
    </message>
    <message>
        <source>Keep this page somewhere safe. It sets a new teacher password if the password is forgotten.</source>
        <translation>请把这页纸放在安全的地方。忘记教师密码时，可以用它设置新密码。</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
</context>
<context>
    <name>ReplaceQuestionDialog</name>
    <message>
        <source>Replace a question</source>
        <translation>替换题目</translation>
    </message>
    <message>
        <source>Replacing: {prompt} (answer: {answer})</source>
        <translation>要替换的题目：{prompt}（答案：{answer}）</translation>
    </message>
    <message>
        <source>The class's model is choosing questions of the same skill and similar difficulty…</source>
        <translation>班级模型正在挑选同一知识点、难度相近的题目…</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Class likely right</source>
        <translation>全班预计答对</translation>
    </message>
    <message>
        <source>Use this question</source>
        <translation>用这道题</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choosing questions…</source>
        <translation>正在挑选题目…</translation>
    </message>
    <message>
        <source>A first choice, from the answers alone. Lamplight is getting to know this class's exercises (once per class) and will improve the choice in a moment; you can already click one.</source>
        <translation>先根据作答记录给出初步选择。Lamplight 正在熟悉这个班级的练习（每个班级只需一次），稍后会改进这些选择；您现在就可以点选一道题。</translation>
    </message>
    <message>
        <source>This class's model is ready; your choice is kept.</source>
        <translation>这个班级的模型已经准备好；您的选择保持不变。</translation>
    </message>
    <message>
        <source>Chosen with this class's model. Click one to use it.</source>
        <translation>已用这个班级的模型选出。点击一道题来使用。</translation>
    </message>
    <message>
        <source>(you mark it)</source>
        <translation>（由您批改）</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>Click one to use it.</source>
        <translation>点一道题来使用它。</translation>
    </message>
    <message>
        <source>The bank has no other question of this skill.</source>
        <translation>题库里没有这个知识点的其他题目。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Worksheets &amp; reports</source>
        <translation>练习单和报告</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Exercises per worksheet:</source>
        <translation>每张练习单的题数：</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Letter (US)</source>
        <translation>Letter（美国信纸）</translation>
    </message>
    <message>
        <source>Paper size:</source>
        <translation>纸张大小：</translation>
    </message>
    <message>
        <source>Worksheets</source>
        <translation>练习单</translation>
    </message>
    <message>
        <source>Each worksheet holds the student's own next steps: exercises at the right difficulty for the skills they are ready to learn, with space to answer. The whole class (or the group chosen) comes in one PDF: each student starts on a new page, with their name and class on every page.</source>
        <translation>每张练习单包含该学生自己的下一步：针对学生准备学习的知识点、难度合适的练习，并留有作答空间。全班（或所选小组）的练习单在一个 PDF 中：每个学生从新的一页开始，每一页上都印有学生的姓名和班级。</translation>
    </message>
    <message>
        <source>Make worksheets (PDF)…</source>
        <translation>生成练习单（PDF）…</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>A report lists mastery per skill, the answers behind it, the next steps and the paper quiz scores. The CSV opens in any spreadsheet.</source>
        <translation>报告列出每个知识点的掌握情况、所依据的作答次数、下一步练习和纸笔测验成绩。CSV 文件可以用任何电子表格软件打开。</translation>
    </message>
    <message>
        <source>Report (PDF)…</source>
        <translation>报告（PDF）…</translation>
    </message>
    <message>
        <source>Report (CSV)…</source>
        <translation>报告（CSV）…</translation>
    </message>
    <message>
        <source>The summary of the class or group only (no page for each child)</source>
        <translation>只要全班或小组的汇总（不为每个学生各出一份）</translation>
    </message>
    <message>
        <source>Letters to families</source>
        <translation>给家长的信</translation>
    </message>
    <message>
        <source>One page per child in plain sentences, with a picture of the skills they know now and a month ago. No percentages.</source>
        <translation>每个孩子一页，用平实的话写成，并配一张图，显示孩子现在和一个月前会的知识点。不含百分比。</translation>
    </message>
    <message>
        <source>Language of the letter:</source>
        <translation>信的语言：</translation>
    </message>
    <message>
        <source>Letters to families (PDF)…</source>
        <translation>给家长的信（PDF）…</translation>
    </message>
    <message>
        <source>The whole class</source>
        <translation>全班</translation>
    </message>
    <message>
        <source>No students in this class yet: add them in Classes &amp; students.</source>
        <translation>这个班级还没有学生：请在“班级和学生”中添加。</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>小组：</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>全班</translation>
    </message>
    <message>
        <source>The whole group</source>
        <translation>整个小组</translation>
    </message>
    <message>
        <source>This group has no students: add some in Classes &amp; students.</source>
        <translation>这个小组没有学生：请在“班级和学生”中添加。</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Saved {file}, and the answer key in {key}</source>
        <translation>已保存 {file}，答案保存在 {key}</translation>
    </message>
    <message>
        <source>{skill} (last {count} answers wrong)</source>
        <translation>{skill}（最近 {count} 次都答错）</translation>
    </message>
    <message>
        <source>Making the letters…</source>
        <translation>正在生成信件…</translation>
    </message>
    <message>
        <source>No answers yet from {names}: their letters would only say so. Leave them out?</source>
        <translation>{names}还没有作答记录，信里只能说明这一点。要跳过他们吗？</translation>
    </message>
    <message>
        <source>No answers yet from {name}: their letter would only say so. Leave them out?</source>
        <translation>{name}还没有作答记录，信里只能说明这一点。要跳过这名学生吗？</translation>
    </message>
    <message>
        <source>Leave them out</source>
        <translation>跳过他们</translation>
    </message>
    <message>
        <source>Leave this child out</source>
        <translation>跳过这名学生</translation>
    </message>
    <message>
        <source>Write to them too</source>
        <translation>也给他们写</translation>
    </message>
    <message>
        <source>Write to this child too</source>
        <translation>也给这名学生写</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No answers yet, so every worksheet starts from the first skills of the exercise bank, not from what each child can do. A first paper quiz, or a turn of practice, makes each sheet fit its child.</source>
        <translation>还没有答题记录，所以每张练习单都从题库最前面的知识点开始，而不是从每个孩子的实际水平出发。先做一次纸笔测验或让孩子们练习一轮，练习单就能因人而异了。</translation>
    </message>
    <message>
        <source>Make them anyway</source>
        <translation>仍然生成</translation>
    </message>
    <message>
        <source>Worksheet</source>
        <translation>练习单</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>班级：</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <comment>a date on a printout: 6 Dec 2026</comment>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec</source>
        <comment>the months as a printed date writes them, in order, between spaces</comment>
        <translation>1 2 3 4 5 6 7 8 9 10 11 12</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>学习报告</translation>
    </message>
    <message>
        <source>Report — {name}</source>
        <translation>{name}的学习报告</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Chance of success</source>
        <translation>答对概率</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>可能范围</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>作答数</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步练习</translation>
    </message>
    <message>
        <source>Paper quizzes</source>
        <translation>纸笔测验</translation>
    </message>
    <message>
        <source>The latest quizzes only: {count} earlier ones are in the marks book. Average of every quiz with all its marks: {average}.</source>
        <translation>以上只列出最近的测验，更早的 {count} 次测验可在 Lamplight 的“成绩册”中查看。已录完成绩的测验平均得分：{average}。</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>{percent} ({marked} of {questions} marked)</source>
        <translation>{percent}（{questions} 题中已批 {marked} 题）</translation>
    </message>
    <message>
        <source>{quiz} ({marked} of {questions} marked)</source>
        <translation>{quiz}（{questions} 题中已批 {marked} 题）</translation>
    </message>
    <message>
        <source>{quiz} ({marked} of {questions} marked, {waiting} waiting)</source>
        <translation>{quiz}（{questions} 题中已批 {marked} 题，{waiting} 题待批改）</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Class report</source>
        <translation>班级报告</translation>
    </message>
    <message>
        <source>Group report</source>
        <translation>小组报告</translation>
    </message>
    <message>
        <source>“Mastered” needs at least {count} answers, most of the latest right (at least the skill's level: usually 70%; a skill that even children who know it often get wrong has a lower one, printed beside the status where it counted) and the chance of success surely above that level: a high figure from one or two answers is not yet sure. An exercise of two skills counts in both rows' answers.</source>
        <translation>“已掌握”需要至少 {count} 次作答，最近的作答中答对的比例不低于这个知识点的掌握线（通常为 70%；掌握了的学生也常会答错的知识点，掌握线更低，用到时印在状态旁边），并且答对概率确定高于掌握线：只凭一两次作答得到的高分还不能确定。一道题涉及两个知识点时，两行的作答数都会计入。</translation>
    </message>
    <message>
        <source>{status} (its level: {level})</source>
        <translation>{status}（掌握线 {level}）</translation>
    </message>
    <message>
        <source>No answers yet. Once the children practise, or a paper quiz is marked, this report shows each child's chance of success on each skill.</source>
        <translation>还没有作答。学生做了练习或批改了纸笔测验之后，这份报告会列出每个学生在每个知识点上的答对概率。</translation>
    </message>
    <message>
        <source>No answers yet from {names} (no page of their own until then).</source>
        <translation>{names}还没有答题记录，暂不单独列页。</translation>
    </message>
    <message>
        <source>Nothing to practise: every skill is mastered.</source>
        <translation>没有需要练习的：所有知识点都已掌握。</translation>
    </message>
    <message>
        <source>Answer key</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Answer key of the worksheets (for the teacher)</source>
        <translation>练习单答案（教师用）</translation>
    </message>
    <message>
        <source>you mark it</source>
        <translation>由您批改</translation>
    </message>
    <message>
        <source>{first} (or: {others})</source>
        <comment>a key's right answers on the worksheets' key</comment>
        <translation>{first}（或：{others}）</translation>
    </message>
    <message>
        <source>Answers, by question number</source>
        <translation>各题答案（按题号）</translation>
    </message>
    <message>
        <source>  ·  </source>
        <comment>between two answers of the worksheets' key</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Each child's chance of success on each skill; ✓ marks a mastered skill, — a skill without answers yet. A skill is mastered when the chance is surely above its level (usually {level}; lower where a skill's level is printed under its name), so a lower figure can have ✓ and a higher one not.</source>
        <translation>每个孩子在每个知识点上的答对概率；✓ 表示已掌握，— 表示这个知识点还没有作答。答对概率确定高于该知识点的掌握线（通常为 {level}；较低的掌握线印在知识点名称下面）才算已掌握，所以百分比较低的可能打 ✓，较高的反而没有。</translation>
    </message>
    <message>
        <source>(level: {level})</source>
        <translation>掌握线 {level}</translation>
    </message>
    <message>
        <source>Not in the tables, as no child has answered them yet: {skills}.</source>
        <translation>以下知识点还没有学生作答，所以没有列入表格：{skills}。</translation>
    </message>
    <message>
        <source>No answers yet on: {skills}.</source>
        <translation>这些知识点还没有作答：{skills}。</translation>
    </message>
    <message>
        <source>•  {prompt}  ({why})</source>
        <translation>•  {prompt}（{why}）</translation>
    </message>
    <message>
        <source>No answers yet. The next steps below start where the class has got to.</source>
        <translation>还没有作答。下面的下一步从全班已经学到的地方开始。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>worksheets</source>
        <translation>练习单</translation>
    </message>
    <message>
        <source>Making worksheets…</source>
        <translation>正在生成练习单…</translation>
    </message>
    <message>
        <source>report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>letters to families</source>
        <translation>给家长的信</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import roster into {name}</source>
        <translation>导入名单到“{name}”</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading the roster…</source>
        <translation>正在读取名单…</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>新学生</translation>
    </message>
    <message>
        <source>Already in the class: left as it is</source>
        <translation>已在班级中：保持不变</translation>
    </message>
    <message>
        <source>The same line again: left out</source>
        <translation>与前面某行相同：不导入</translation>
    </message>
    <message>
        <source>New student: a student of this name is already in the class</source>
        <translation>新学生：班里已有一位同名学生</translation>
    </message>
    <message>
        <source>New student: a number or a separator in the name (a student number or another column run into it?)</source>
        <translation>新学生：姓名里有数字或分隔符（是不是学号或别的列混进了姓名？）</translation>
    </message>
    <message>
        <source>The file was read as Chinese text (GBK, the way Chinese Excel saves a CSV): check that the names look right.</source>
        <translation>此文件已按中文文本（GBK，即中文版 Excel 保存 CSV 的方式）读取：请检查姓名显示是否正确。</translation>
    </message>
    <message>
        <source>The file was read as Western European text (the way Excel on an English computer saves a CSV): check that the names look right.</source>
        <translation>文件按西欧文字读取（英文版 Excel 保存 CSV 的方式）：请检查姓名是否显示正确。</translation>
    </message>
    <message>
        <source>1 line has a problem (at the top, in red). Correct the file and import it again; nothing was added.</source>
        <translation>有 1 行有问题（在最上面，标为红色）。请改正文件后重新导入；没有添加任何内容。</translation>
    </message>
    <message>
        <source>This file has no students: there is nothing under its header line.</source>
        <translation>这个文件里没有学生：标题行下面什么也没有。</translation>
    </message>
    <message>
        <source>New students to add: {new}. Already in the class: {kept}.</source>
        <translation>将添加新学生：{new} 名。已在班级中：{kept} 名。</translation>
    </message>
    <message>
        <source>Lines that repeat an earlier line (the same child), left out: {count}.</source>
        <translation>与前面某行重复（同一个学生）而不导入的行：{count}。</translation>
    </message>
    <message>
        <source>Same name as a student already in the class (amber): {names}.</source>
        <translation>与班级中已有学生同名（黄色）：{names}。</translation>
    </message>
    <message>
        <source>Children with the same name, told apart by their student numbers (amber): {names}.</source>
        <translation>同名的孩子，用学号区分（黄色）：{names}。</translation>
    </message>
    <message>
        <source>Names to check before adding (amber): {names}.</source>
        <translation>添加前请核对的姓名（黄色）：{names}。</translation>
    </message>
    <message>
        <source>Names that change (amber): {names}.</source>
        <translation>姓名将更改（黄色）：{names}。</translation>
    </message>
    <message>
        <source>Renamed from {old}; another student of the class is called {new}</source>
        <translation>原名 {old}；班上另一名学生已叫 {new}</translation>
    </message>
    <message>
        <source>Already in the class: renamed from {old}</source>
        <translation>已在班上：由 {old} 改名</translation>
    </message>
    <message>
        <source>This line has {count} cells, the header line {expected}: a stray comma, a missing cell, or a name with a comma that needs quotes?</source>
        <translation>这一行有 {count} 个单元格，表头有 {expected} 个：是否多了一个逗号、少了一个单元格，或者名字里有逗号需要加引号？</translation>
    </message>
    <message>
        <source>The same child as on line {line}: this line is left out.</source>
        <translation>与第 {line} 行是同一个学生：这一行不导入。</translation>
    </message>
    <message>
        <source>Already in the class without a student number: {names}. The file cannot tell which of them each of its lines is. If they are these children, cancel, give each child their number in the class list (select them, then Student number…), and import the file again: it then finds them. Add the file's lines as new students only if they are other children.</source>
        <translation>班里已有还没有学号的同名学生：{names}。文件分不出它的每一行是其中哪一位。如果就是这些孩子，请取消，在学生名单里给每个孩子填上学号（选中后点“学号…”），再导入一次这个文件：这样就能找到他们。只有当他们是另外的孩子时，才把文件里的这些行作为新学生添加。</translation>
    </message>
    <message>
        <source>Already in the class under the same name: {names}. Two children of one name are hard to tell apart on the dashboard and on printouts: if they are the same child, cancel and remove the line from the file; if they are two children, you could add a letter to one name (for example “{example} B”).</source>
        <translation>班级中已有同名学生：{names}。同名的两个孩子在班级概览和打印材料上很难分清：如果是同一个孩子，请取消，并从文件中删掉这一行；如果是两个孩子，可以在其中一个名字后加上区分的字（例如“{example}（小）”）。</translation>
    </message>
    <message>
        <source>Not on the list, so kept without a student number: {names}.</source>
        <translation>不在名单上，保留但不再有学号：{names}。</translation>
    </message>
    <message>
        <source>Added from the list: {names}. If one of them is a child above under a new spelling, delete the new one (no answers yet), then correct the name and give the number with Student number….</source>
        <translation>从名单新加入：{names}。如果其中有人就是上面那位孩子、只是名字写法改了，请删除新加的那一位（还没有答题记录），再改正原来那位的姓名，并用“学号…”给她学号。</translation>
    </message>
    <message>
        <source>Other students of the class are called {names} already: were the student numbers given out again? Then “Keep each child with her name” gives each child her new number, and her answers stay hers.</source>
        <translation>班上已经有学生叫{names}：是不是学号重新编排了？如果是，请选“按姓名保留每个孩子”：每个孩子换上新学号，答题记录仍归本人。</translation>
    </message>
    <message>
        <source>Keep each child with her name</source>
        <translation>按姓名保留每个孩子</translation>
    </message>
    <message>
        <source>This file cannot be imported:</source>
        <translation>这个文件无法导入：</translation>
    </message>
    <message>
        <source>{bad} lines have a problem (at the top, in red). Correct the file and import it again; nothing was added.</source>
        <translation>{bad} 行有问题（排在最上面，红色标出）。请修改文件后重新导入；没有添加任何内容。</translation>
    </message>
    <message>
        <source>Already in the class: name, student number or group updated</source>
        <translation>已在班级中：姓名、学号或小组将更新</translation>
    </message>
    <message>
        <source>New student? This name is in the class already, without a student number: if that is this child, give them this number first (Student number…)</source>
        <translation>新学生？班里已有同名、还没有学号的学生：如果就是这个孩子，请先给他这个学号（学号…）</translation>
    </message>
    <message>
        <source>New student: this name is on another line too, with another student number</source>
        <translation>新学生：文件另一行也有这个名字，但学号不同</translation>
    </message>
    <message>
        <source>New student: only part of a name on this line (the given name or the family name missing?)</source>
        <translation>新学生：这一行只有姓或只有名（名字不完整？）</translation>
    </message>
    <message>
        <source>the 1 good line</source>
        <translation>1 行正确的</translation>
    </message>
    <message>
        <source>the {good} good lines</source>
        <translation>{good} 行正确的</translation>
    </message>
    <message>
        <source>1 line has a problem (at the top, in red) and was not added. You can correct the file and import it again, or import {lines} now and add the other one by hand.</source>
        <translation>有 1 行有问题（排在最上面，红色标出），未被添加。您可以修改文件后重新导入，也可以现在导入 {lines}，另外那一行手动添加。</translation>
    </message>
    <message>
        <source>Import {lines}, skip the bad one</source>
        <translation>导入 {lines}，跳过有问题的那一行</translation>
    </message>
    <message>
        <source>{bad} lines have a problem (at the top, in red) and were not added. You can correct the file and import it again, or import {lines} now and add the others by hand.</source>
        <translation>有 {bad} 行有问题（排在最上面，红色标出），未被添加。您可以修改文件后重新导入，也可以现在导入 {lines}，其余的手动添加。</translation>
    </message>
    <message>
        <source>Import {lines}, skip the {bad} bad ones</source>
        <translation>导入 {lines}，跳过 {bad} 行有问题的</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>姓名为空。</translation>
    </message>
    <message>
        <source>The name is longer than {count} characters.</source>
        <translation>姓名超过 {count} 个字符。</translation>
    </message>
    <message>
        <source>The student number {number} is also on line {line}.</source>
        <translation>学号 {number} 在第 {line} 行也出现了。</translation>
    </message>
    <message>
        <source>{name} is also on line {line}. If they are two children with the same name, add a column “student number” to tell them apart.</source>
        <translation>“{name}”在第 {line} 行也出现了。如果是两个同名的孩子，请加一列“学号”来区分。</translation>
    </message>
    <message>
        <source>Add them as new students</source>
        <translation>作为新学生添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The file gives {count} students of the class another name, found by their student numbers:</source>
        <translation>按学号找到，文件会给班上 {count} 名学生改名：</translation>
    </message>
    <message>
        <source>Their answers stay with them under the new name.</source>
        <translation>他们的作答会跟着他们，显示在新名字下。</translation>
    </message>
    <message>
        <source>If the numbers changed, press Cancel and add new children with “Add student…” instead.</source>
        <translation>如果学号变了，请按“取消”，改用“添加学生…”添加新来的孩子。</translation>
    </message>
    <message>
        <source>Change the names</source>
        <translation>更改这些姓名</translation>
    </message>
    <message>
        <source>Adding students…</source>
        <translation>正在添加学生…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Automatic (graphics card if there is one)</source>
        <translation>自动（有显卡时使用显卡）</translation>
    </message>
    <message>
        <source>Processor (CPU) only</source>
        <translation>仅用处理器（CPU）</translation>
    </message>
    <message>
        <source>Graphics card (GPU)</source>
        <translation>显卡（GPU）</translation>
    </message>
    <message>
        <source>Compute on:</source>
        <translation>计算设备：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>All student data is in this folder; Lamplight backs it up (see Backups below).</source>
        <translation>所有学生数据都在这个文件夹里；Lamplight 会为它做备份（见下方“备份”）。</translation>
    </message>
    <message>
        <source>Change teacher password…</source>
        <translation>修改教师密码…</translation>
    </message>
    <message>
        <source>Teacher password:</source>
        <translation>教师密码：</translation>
    </message>
    <message>
        <source>Set teacher password…</source>
        <translation>设置教师密码…</translation>
    </message>
    <message>
        <source>Encrypt the data…</source>
        <translation>加密数据…</translation>
    </message>
    <message>
        <source>New encryption key…</source>
        <translation>新的加密密钥…</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>加密：</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Lamplight keeps copies of your data. Restoring a backup replaces today's data with the copy (a backup of today's data is made first).</source>
        <translation>Lamplight 会保存您数据的副本。恢复备份会用副本替换当前数据（会先备份当前数据）。</translation>
    </message>
    <message>
        <source>Make a backup now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复选中的备份…</translation>
    </message>
    <message>
        <source>Save a backup to…</source>
        <translation>将备份保存到…</translation>
    </message>
    <message>
        <source>Save a copy of all data to a folder you choose, such as a USB stick.</source>
        <translation>把全部数据的副本保存到您选择的文件夹，例如U盘。</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Put back a backup saved with “Save a backup to…” (asks first).</source>
        <translation>恢复用“将备份保存到…”保存的备份（会先询问）。</translation>
    </message>
    <message>
        <source>About Lamplight</source>
        <translation>关于 Lamplight</translation>
    </message>
    <message>
        <source>No backups yet. Press “Make a backup now”.</source>
        <translation>还没有备份。请点击“立即备份”。</translation>
    </message>
    <message>
        <source>Teacher password</source>
        <translation>教师密码</translation>
    </message>
    <message>
        <source>Current teacher password:</source>
        <translation>当前教师密码：</translation>
    </message>
    <message>
        <source>The teacher password was changed.</source>
        <translation>教师密码已修改。</translation>
    </message>
    <message>
        <source>The encrypted data keeps its key. If someone who knew the old password may also have an old copy of the data or of a USB backup's key file, press “New encryption key…”: old copies of the key then no longer open today's data.</source>
        <translation>加密数据的密钥不变。如果知道旧密码的人还可能有一份旧的数据副本，或 U 盘备份旁的密钥文件，请按“新的加密密钥…”：这样旧的密钥副本就打不开今天的数据了。</translation>
    </message>
    <message>
        <source>On: the data and its backups on this computer are encrypted.</source>
        <translation>已开启：这台电脑上的数据及其备份都已加密。</translation>
    </message>
    <message>
        <source>Off: someone who copies the data folder can read it.</source>
        <translation>未开启：复制了数据文件夹的人可以读取其中的数据。</translation>
    </message>
    <message>
        <source>Encrypt the data</source>
        <translation>加密数据</translation>
    </message>
    <message>
        <source>This copy of Lamplight cannot encrypt: its encryption part (SQLCipher) is not installed. Nothing was changed.</source>
        <translation>这个 Lamplight 无法加密：没有安装它的加密组件（SQLCipher）。没有做任何改动。</translation>
    </message>
    <message>
        <source>Choose a teacher password to protect the encrypted data.</source>
        <translation>请设置一个教师密码，用来保护加密的数据。</translation>
    </message>
    <message>
        <source>The data and its backups are now encrypted. Lamplight will ask for the teacher password each time it starts.</source>
        <translation>数据及其备份现在已经加密。Lamplight 每次启动时都会要求输入教师密码。</translation>
    </message>
    <message>
        <source>Encrypting the data…</source>
        <translation>正在加密数据…</translation>
    </message>
    <message>
        <source>New encryption key</source>
        <translation>新的加密密钥</translation>
    </message>
    <message>
        <source>Encrypt under a new key</source>
        <translation>用新密钥重新加密</translation>
    </message>
    <message>
        <source>Encrypting the data under a new key…</source>
        <translation>正在用新的密钥加密数据…</translation>
    </message>
    <message>
        <source>it has only {count} characters, and at least {n} are needed</source>
        <translation>只有 {count} 个字符，至少需要 {n} 个</translation>
    </message>
    <message>
        <source>it is built on a word anyone at the school would guess, such as Lamplight, school, teacher or a class's name, even with digits, symbols or look-alike letters such as @ for a added</source>
        <translation>它用了学校里谁都猜得到的词，比如 Lamplight、学校、教师或班级名称，即使加上数字、符号或形近字符（比如用 @ 代替 a）也一样</translation>
    </message>
    <message>
        <source>it is only digits</source>
        <translation>全是数字</translation>
    </message>
    <message>
        <source>it repeats too few different characters</source>
        <translation>不同的字符太少</translation>
    </message>
    <message>
        <source>{name} ({class_name})</source>
        <translation>{name}（{class_name}）</translation>
    </message>
    <message>
        <source>Not in the backup, so gone after restoring: {names}.</source>
        <translation>备份中没有这些学生，恢复后他们就不在了：{names}。</translation>
    </message>
    <message>
        <source>Archived now, back in the class list after restoring: {names}.</source>
        <translation>现在已归档，恢复后会回到班级列表：{names}。</translation>
    </message>
    <message>
        <source>Archived after restoring, as in the backup: {names}.</source>
        <translation>恢复后会像备份里一样被归档：{names}。</translation>
    </message>
    <message>
        <source>This backup was made with another teacher password or recovery key: after restoring, the teacher password and the recovery key stay the ones in use now (the ones from when the backup was made do not work).</source>
        <translation>这个备份是在另一个教师密码或恢复密钥下做的：恢复后，教师密码和恢复密钥仍是现在使用的这一套（备份当时的密码和密钥不能用）。</translation>
    </message>
    <message>
        <source>The backup from {when} is restored. Now in Lamplight: classes {classes}, students {students}, answers {answers}. The data from just before is kept as a backup in the list above, so it can be put back.</source>
        <translation>已恢复 {when} 的备份。Lamplight 现在有 {classes} 个班级、{students} 名学生、{answers} 次作答。恢复前的数据已作为备份保留在上面的列表中，需要时可以恢复回来。</translation>
    </message>
    <message>
        <source>it is a common password</source>
        <translation>是常见密码</translation>
    </message>
    <message>
        <source>If the teacher password is forgotten, only this key opens the data (and sets a new password): without both, nobody can open the data again. Write it down or print it now and keep it somewhere safe, away from the laptop; it is shown only this once:</source>
        <translation>如果忘记了教师密码，只有这个密钥能打开数据（并设置新密码）：两者都丢失的话，任何人都无法再打开这些数据。请现在就把它抄下来或打印出来，存放在安全的地方，不要和电脑放在一起；它只显示这一次：</translation>
    </message>
    <message>
        <source>With encryption on, this password protects the data: someone who copies the data folder can try passwords on their own computer as fast as it allows, with no waits. Choose at least {n} characters that are not all digits, not a common password and not built on a word anyone at the school would guess (Lamplight, school, teacher, a class's name), even with a year or symbols added. For example, three unrelated words with a number (owl-river-lantern-7). It is also the password that leaves practice mode.</source>
        <translation>开启加密后，数据就靠这个密码保护：复制了数据文件夹的人可以在自己的电脑上以最快速度不停地猜密码，没有任何等待。请至少使用 {n} 个字符，不要全是数字，不要用常见密码，也不要用学校里谁都猜得到的词（Lamplight、学校、教师、班级名称等），即使在后面加上年份或符号也不行。例如：三个互不相关的拼音词加一个数字（xiongmao-hebian-denglong-7）。退出练习模式时也用这个密码。</translation>
    </message>
    <message>
        <source>it is a common password with digits or symbols added (or with look-alike letters, such as @ for a or 0 for o): such passwords are tried first</source>
        <translation>它是常见密码加上数字或符号（或换成形近字符，例如用 @ 代替 a、用 0 代替 o），这类密码最先被人尝试</translation>
    </message>
    <message>
        <source>That password is too weak to protect encrypted data: {why}. Choose another one.</source>
        <translation>这个密码太弱，不足以保护加密的数据：{why}。请换一个。</translation>
    </message>
    <message>
        <source>Type the same password again:</source>
        <translation>请再输入一次相同的密码：</translation>
    </message>
    <message>
        <source> minutes without use</source>
        <translation> 分钟无人操作后</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>(needs a teacher password: without one, nothing locks)</source>
        <translation>（需要先设置教师密码：没有密码时不会锁定）</translation>
    </message>
    <message>
        <source>Lock the teacher screens after:</source>
        <translation>教师页面自动锁定：</translation>
    </message>
    <message>
        <source>Turn encryption off…</source>
        <translation>关闭加密…</translation>
    </message>
    <message>
        <source>Deleted children…</source>
        <translation>已删除的学生…</translation>
    </message>
    <message>
        <source>Find the children deleted on this laptop that are still in its backups, or back in the data after a restore, and delete them there too (asks first).</source>
        <translation>查找在这台电脑上删除、但仍留在备份中（或恢复备份后又回到数据中）的孩子，并在那里也删除他们（会先询问）。</translation>
    </message>
    <message>
        <source>Click a backup in the list first.</source>
        <translation>请先在列表中点选一个备份。</translation>
    </message>
    <message>
        <source>Lamplight is still working on a screen (for example improving the model). Change the language when it is done.</source>
        <translation>Lamplight 还在某个页面上工作（例如正在改进模型）。请等它完成后再更改语言。</translation>
    </message>
    <message>
        <source>Graphics card</source>
        <translation>显卡</translation>
    </message>
    <message>
        <source>Lamplight finds no graphics card it can use on this computer, so it keeps computing on the processor. The choice is kept for a computer that has one.</source>
        <translation>Lamplight 在这台电脑上找不到可用的显卡，所以仍然用处理器计算。这个选择会保留，换到有显卡的电脑上时生效。</translation>
    </message>
    <message>
        <source>Choose the new teacher password.</source>
        <translation>请设置新的教师密码。</translation>
    </message>
    <message>
        <source>Off, but a backup is still encrypted: “Turn encryption off…” decrypts it.</source>
        <translation>已关闭，但还有 1 个备份仍是加密的：按“关闭加密…”可以解密它。</translation>
    </message>
    <message>
        <source>Off, but {count} backups are still encrypted: “Turn encryption off…” decrypts them.</source>
        <translation>已关闭，但还有 {count} 个备份仍是加密的：按“关闭加密…”可以解密它们。</translation>
    </message>
    <message>
        <source>A new recovery key is shown first (the old one stops working once the data is encrypted): print it or write it down.</source>
        <translation>会先显示一个新的恢复密钥（数据加密后，原来的恢复密钥就不能用了）：请打印或抄写下来。</translation>
    </message>
    <message>
        <source>A recovery key is shown first: print it or write it down.</source>
        <translation>会先显示一个恢复密钥：请打印或抄写下来。</translation>
    </message>
    <message>
        <source>Encrypt the data and its backups on this computer?

Then nobody can read them without the teacher password or the recovery key, even with the laptop's disk in hand. Lamplight asks for the password at every start. If both the password and the recovery key are lost, nobody can open the data again, not even you.

Backups saved earlier to a USB stick stay unencrypted (save a new one, then delete the old), and the disk may keep traces of the unencrypted files until it writes over them.</source>
        <translation>要加密这台电脑上的数据及其备份吗？

加密后，没有教师密码或恢复密钥，任何人都无法读取这些数据，即使拿到了电脑的硬盘也不行。Lamplight 每次启动时都会要求输入密码。如果密码和恢复密钥都丢失了，任何人都无法再打开这些数据，包括您自己。

之前保存到 U 盘上的备份仍未加密（请保存一个新备份，再删除旧的）；在被覆盖之前，硬盘上也可能留有未加密文件的痕迹。</translation>
    </message>
    <message>
        <source>This is the data's recovery key from now on; any recovery key shown before stops working once the data is encrypted.</source>
        <translation>这是数据今后的恢复密钥；数据加密后，以前显示过的恢复密钥都不能再用。</translation>
    </message>
    <message>
        <source>This is the data's recovery key.</source>
        <translation>这是数据的恢复密钥。</translation>
    </message>
    <message>
        <source>These backups are too damaged to read, so they could not be encrypted and are left as they were (they may hold names). Delete them if you do not need them:</source>
        <translation>以下备份损坏严重、无法读取，所以没能加密，保持原样（里面可能有学生姓名）。如果不需要，请把它们删除：</translation>
    </message>
    <message>
        <source>The data is encrypted: the recovery key just shown is the one that opens it.</source>
        <translation>数据已经加密：刚才显示的恢复密钥就是能打开它的那个。</translation>
    </message>
    <message>
        <source>The data was not encrypted. The teacher password is set, and the recovery key just shown is its recovery key: keep it.</source>
        <translation>数据没有加密。教师密码已经设置好，刚才显示的就是它的恢复密钥：请保存好。</translation>
    </message>
    <message>
        <source>Nothing was encrypted: the recovery key you had before still works; forget the one just shown.</source>
        <translation>什么都没有加密：您原来的恢复密钥仍然有效；刚才显示的那个请不要再用。</translation>
    </message>
    <message>
        <source>Encrypt the data and its backups again, under a new key?

Do this after changing the teacher password when someone who knew the old one may also have an old copy of the data folder or of a USB backup's key file: from now on those copies open nothing written here. Backups saved to USB sticks before today still open with the password and recovery key of their day: keep that recovery key with them.

A new recovery key is shown first: print it or write it down.</source>
        <translation>用新的密钥重新加密数据和它的备份吗？

更改教师密码后，如果知道旧密码的人还可能有一份旧的数据文件夹副本，或 U 盘备份旁的密钥文件，请这样做：从此以后，这些副本打不开这里写入的任何内容。今天之前保存到 U 盘的备份，仍用当时的密码和恢复密钥打开：请把那个恢复密钥和它们放在一起。

会先显示一个新的恢复密钥：请打印或抄下来。</translation>
    </message>
    <message>
        <source>This is the data's new recovery key: from the new key on, only it (or the teacher password) opens the data on this computer. Backups saved to USB sticks before today keep their own.</source>
        <translation>这是数据的新恢复密钥：换用新的密钥后，这台电脑上的数据只能用它（或教师密码）打开。今天之前保存到 U 盘的备份仍用它们自己的恢复密钥。</translation>
    </message>
    <message>
        <source>The data and its backups are now encrypted under a new key: old copies of the key file no longer open them.</source>
        <translation>数据和它的备份现在已用新的密钥加密：旧的密钥文件副本再也打不开它们了。</translation>
    </message>
    <message>
        <source>The data is under its new key: the recovery key just shown is the one that opens it.</source>
        <translation>数据已换用新的密钥：刚才显示的恢复密钥就是能打开它的那个。</translation>
    </message>
    <message>
        <source>Nothing was changed: the recovery key you had before still opens the data; forget the one just shown.</source>
        <translation>什么都没有改动：您原来的恢复密钥仍能打开数据；刚才显示的那个请不要再用。</translation>
    </message>
    <message>
        <source>Turn encryption off</source>
        <translation>关闭加密</translation>
    </message>
    <message>
        <source>The data on this computer is no longer encrypted, but some of its backups still are: turning encryption off stopped half-way. Decrypt them now? Anyone who copies the data folder can then read them.</source>
        <translation>这台电脑上的数据已不再加密，但还有一些备份仍是加密的：上次关闭加密只完成了一半。现在解密它们吗？之后任何复制数据文件夹的人都能读到它们。</translation>
    </message>
    <message>
        <source>Turn encryption off? The data and its backups on this computer are written back without encryption: anyone who copies the data folder can then read the children's names and answers. The teacher password still guards Lamplight's teacher screens. Backups saved to USB sticks while encryption was on stay encrypted and still open with their password or recovery key.</source>
        <translation>要关闭加密吗？这台电脑上的数据及其备份将改回不加密保存：之后任何复制数据文件夹的人都能读到孩子们的姓名和作答。教师密码仍然保护 Lamplight 的教师页面。加密期间保存到 U 盘的备份仍保持加密，仍可用当时的密码或恢复密钥打开。</translation>
    </message>
    <message>
        <source>Decrypt them</source>
        <translation>解密它们</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Encryption is off: the data and its backups on this computer are no longer encrypted.</source>
        <translation>加密已关闭：这台电脑上的数据及其备份不再加密。</translation>
    </message>
    <message>
        <source>These backups are too damaged to read, so they stay encrypted, and the key file stays beside the data so that the teacher password or the recovery key can still open what is left of them:</source>
        <translation>以下备份损坏严重、无法读取，因此仍保持加密；密钥文件也留在数据旁边，以便仍可用教师密码或恢复密钥打开它们剩下的内容：</translation>
    </message>
    <message>
        <source>Turning encryption off…</source>
        <translation>正在关闭加密…</translation>
    </message>
    <message>
        <source>it has only 1 character, and at least {n} are needed</source>
        <translation>只有 1 个字符，至少需要 {n} 个</translation>
    </message>
    <message>
        <source>Choose at least {n} characters, for example three unrelated words with a number (owl-river-lantern-7).</source>
        <translation>请至少使用 {n} 个字符，例如三个互不相关的拼音词加一个数字（xiongmao-hebian-denglong-7）。</translation>
    </message>
    <message>
        <source>The two passwords were different. Type the new password again.</source>
        <translation>两次输入的密码不一样。请重新输入新密码。</translation>
    </message>
    <message>
        <source>The teacher password is too weak to protect encrypted data: {why}. Choose a stronger one now; it replaces the current one.</source>
        <translation>教师密码太弱，不足以保护加密的数据：{why}。请现在换一个更强的密码，它会替换当前的密码。</translation>
    </message>
    <message>
        <source>Backup made.</source>
        <translation>备份完成。</translation>
    </message>
    <message>
        <source>Making a backup…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>daily backup</source>
        <translation>每日自动备份</translation>
    </message>
    <message>
        <source>made with “Make a backup now”</source>
        <translation>用“立即备份”生成</translation>
    </message>
    <message>
        <source>taken just before a restore</source>
        <translation>恢复备份之前自动生成</translation>
    </message>
    <message>
        <source>taken just before an update of Lamplight</source>
        <translation>Lamplight 更新之前自动生成</translation>
    </message>
    <message>
        <source>made when the data was encrypted</source>
        <translation>数据加密时生成</translation>
    </message>
    <message>
        <source>made when encryption was turned off</source>
        <translation>关闭加密时生成</translation>
    </message>
    <message>
        <source>made when the data got a new encryption key</source>
        <translation>数据换用新的加密密钥时所做</translation>
    </message>
    <message>
        <source>{when}   ({why})</source>
        <translation>{when}（{why}）</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Put back the backup from {date}?</source>
        <translation>恢复 {date} 的备份吗？</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>作答数</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>练习题</translation>
    </message>
    <message>
        <source>Quizzes</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>In the backup</source>
        <translation>备份中</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Classes in the backup: {backup}. Classes now: {now}.</source>
        <translation>备份中的班级：{backup}。现在的班级：{now}。</translation>
    </message>
    <message>
        <source>Not here now, in the data after restoring: {names}.</source>
        <translation>现在不在这里，恢复后会出现在数据中：{names}。</translation>
    </message>
    <message>
        <source>The backup from {date} cannot be restored: it cannot be read (it is damaged). Nothing was changed; choose another backup.</source>
        <translation>{date} 的备份无法恢复：无法读取（已损坏）。没有做任何更改；请选择另一个备份。</translation>
    </message>
    <message>
        <source>The backup is encrypted: after restoring, the data on this computer is encrypted too, and opens with the password or recovery key that opened the backup.</source>
        <translation>这个备份是加密的：恢复后，这台电脑上的数据也会加密，并用刚才打开备份的密码或恢复密钥打开。</translation>
    </message>
    <message>
        <source>Lamplight saved this very copy on this laptop on {date}, and it has not been changed since.</source>
        <translation>这份副本是 Lamplight 于 {date} 在这台电脑上保存的，之后没有被改动过。</translation>
    </message>
    <message>
        <source>This copy was not saved on this laptop (or was saved before Lamplight kept a note of its copies), so Lamplight cannot tell whether another program changed it: check that it holds what you expect.</source>
        <translation>这份副本不是在这台电脑上保存的（或是在 Lamplight 开始记录所存副本之前保存的），所以 Lamplight 无法判断它是否被其他程序改动过：请核对其中的内容是否符合您的预期。</translation>
    </message>
    <message>
        <source>Everything now in Lamplight is replaced by the backup. A backup of today's data is made first, so you can go back to it from the list of backups in Settings.</source>
        <translation>Lamplight 中现有的全部数据将被备份替换。替换前会先备份今天的数据，您可以在“设置”的备份列表中找回它。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The teacher password changes back to the one that was in use when this backup was made (and so does the recovery key): the password used today no longer works after restoring.</source>
        <translation>教师密码会变回制作这个备份时使用的密码（恢复密钥也一样）：恢复后，今天使用的密码将不再有效。</translation>
    </message>
    <message>
        <source>This backup has a teacher password: right after restoring, the teacher views ask for it (the password in use when this backup was made).</source>
        <translation>这个备份设有教师密码：恢复完成后，教师页面会立即要求输入这个密码（即制作这个备份时使用的密码）。</translation>
    </message>
    <message>
        <source>This backup was made before a teacher password was set: after restoring, Lamplight has no teacher password until you set one again in Settings.</source>
        <translation>这个备份是在设置教师密码之前制作的：恢复后，Lamplight 将没有教师密码，直到您在“设置”中重新设置。</translation>
    </message>
    <message>
        <source>The recovery key changes back to the one that was in use when this backup was made: a recovery key shown since then no longer works.</source>
        <translation>恢复密钥会变回制作这个备份时使用的那个：此后显示过的恢复密钥将不再有效。</translation>
    </message>
    <message>
        <source>This backup was made before the data was encrypted: after restoring, the data stays encrypted.</source>
        <translation>这个备份是在数据加密之前制作的：恢复后，数据仍然保持加密。</translation>
    </message>
    <message>
        <source>A restore replaces the data on this laptop. Type the teacher password to restore a backup:</source>
        <translation>恢复备份会替换这台电脑上的数据。请输入教师密码以恢复备份：</translation>
    </message>
    <message>
        <source>Lamplight is still finishing work in the background, so nothing was changed. Try again in a minute.</source>
        <translation>Lamplight 还在后台完成一项工作，所以什么都没有改动。请过一分钟再试。</translation>
    </message>
    <message>
        <source>Backup restored.</source>
        <translation>备份已恢复。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>This backup brought back {names}, deleted from this laptop after it was made. Delete them again, from the data and from the laptop's backups?</source>
        <translation>这个备份恢复了{names}，他们是在这个备份制作之后从这台电脑上删除的。要再次删除他们吗（从数据和这台电脑的备份中）？</translation>
    </message>
    <message>
        <source>Deleted children</source>
        <translation>已删除的学生</translation>
    </message>
    <message>
        <source>No child deleted on this laptop is left in its data or its backups. Copies saved elsewhere, on a USB stick say, are not looked at.</source>
        <translation>在这台电脑上删除的孩子已不在它的数据或备份中。保存在其他地方（例如 U 盘）的副本不会被查看。</translation>
    </message>
    <message>
        <source>A child deleted on this laptop is still in {backups} of its backups.</source>
        <translation>有 1 个在这台电脑上删除的孩子仍在它的 {backups} 个备份中。</translation>
    </message>
    <message>
        <source>{count} children deleted on this laptop are still in {backups} of its backups.</source>
        <translation>有 {count} 个在这台电脑上删除的孩子仍在它的 {backups} 个备份中。</translation>
    </message>
    <message>
        <source>Delete them there too? The rest of each backup is kept; copies on a USB stick are not changed.</source>
        <translation>也要从那些备份中删除他们吗？每个备份的其余内容都会保留；U 盘上的副本不会改变。</translation>
    </message>
    <message>
        <source>A restore brought back {names}: they are deleted from the data too.</source>
        <translation>一次恢复把{names}带了回来：他们也会从数据中删除。</translation>
    </message>
    <message>
        <source>Delete them again</source>
        <translation>再次删除</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Deleting again…</source>
        <translation>正在再次删除…</translation>
    </message>
    <message>
        <source>Looking in the backups…</source>
        <translation>正在查看备份…</translation>
    </message>
    <message>
        <source>Deleted again: {count} (from the data and the laptop's backups).</source>
        <translation>已再次删除：{count} 人（从数据和这台电脑的备份中）。</translation>
    </message>
    <message>
        <source>Backup saved as {file}.</source>
        <translation>备份已保存为 {file}。</translation>
    </message>
    <message>
        <source>Saving a backup…</source>
        <translation>正在保存备份…</translation>
    </message>
    <message>
        <source>The backup was saved in {folder}:

{file} ({size:.1f} MB)

To restore it, here or on another computer, use “Restore from a file…”. If the folder is on a USB stick, take the stick out with the computer's “safely remove” first, so the file is whole.</source>
        <translation>备份已保存在 {folder}：

{file}（{size:.1f} MB）

要恢复它（在这台或另一台电脑上），请用“从文件恢复…”。如果这个文件夹在 U 盘上，拔出 U 盘前请先用电脑的“安全删除硬件”，这样文件才完整。</translation>
    </message>
    <message>
        <source>The backup was saved, encrypted, in {folder}:

{file}
{keys}

The second file holds its key, locked by the teacher password and the recovery key. Keep both files together: to restore the backup (on this or another computer) you need both files and the teacher password or the recovery key in use today. Without them nobody can open it.</source>
        <translation>备份已加密保存在 {folder}：

{file}
{keys}

第二个文件是它的密钥，由教师密码和恢复密钥锁住。请把两个文件放在一起：要恢复这个备份（在这台或另一台电脑上），需要这两个文件，以及现在使用的教师密码或恢复密钥。没有它们，任何人都打不开这个备份。</translation>
    </message>
    <message>
        <source>The backup was not saved: the disk of {folder} is full. Free some space there or choose another folder. Nothing was changed.</source>
        <translation>备份没有保存：{folder} 所在的磁盘已满。请在那里腾出一些空间，或选择另一个文件夹。没有任何改动。</translation>
    </message>
    <message>
        <source>The backup was not saved: Lamplight may not write to {folder} (it is read-only, or the USB stick was removed). Choose another folder. Nothing was changed.</source>
        <translation>备份没有保存：Lamplight 无法写入 {folder}（它是只读的，或U盘已被拔出）。请选择另一个文件夹。没有任何改动。</translation>
    </message>
    <message>
        <source>Lamplight backups (*.sqlite3);;All files (*)</source>
        <translation>Lamplight 备份 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Backup restored. It was encrypted, so the data on this computer is now encrypted too: Lamplight asks for the teacher password (or the recovery key) that opened the backup each time it starts.</source>
        <translation>备份已恢复。它是加密的，所以这台电脑上的数据现在也已加密：Lamplight 每次启动时都会要求输入刚才打开备份的教师密码（或恢复密钥）。</translation>
    </message>
    <message>
        <source>This backup is encrypted. Type the teacher password (or the recovery key) that was in use when it was saved:</source>
        <translation>这个备份是加密的。请输入保存它时使用的教师密码（或恢复密钥）：</translation>
    </message>
    <message>
        <source>That is neither the password nor the recovery key this backup was saved with. Nothing was changed.</source>
        <translation>这既不是保存这个备份时的密码，也不是它的恢复密钥。没有任何改动。</translation>
    </message>
    <message>
        <source>This laptop's disk is full, so the backup could not be copied in to be checked; the file itself may be fine. Free some space, then try again. Nothing was changed.</source>
        <translation>这台电脑的磁盘已满，无法把备份复制进来检查；文件本身可能没有问题。请腾出一些空间后再试。没有做任何更改。</translation>
    </message>
    <message>
        <source>Lamplight could not write in its data folder on this laptop, so the backup could not be copied in to be checked; the file itself may be fine. Nothing was changed.</source>
        <translation>Lamplight 无法在这台电脑上的数据文件夹中写入，所以无法把备份复制进来检查；文件本身可能没有问题。没有做任何更改。</translation>
    </message>
    <message>
        <source>The file {file} is not there any more: was the USB stick taken out? Put it back and choose the file again. Nothing was changed.</source>
        <translation>文件 {file} 已经不在了：U 盘是不是拔出来了？请插回 U 盘，再选一次这个文件。没有做任何改动。</translation>
    </message>
    <message>
        <source>This file cannot be restored: it is not a Lamplight backup, it is damaged, or it was made by a newer Lamplight.</source>
        <translation>无法恢复这个文件：它不是 Lamplight 备份，或已经损坏，或是由更新版本的 Lamplight 制作的。</translation>
    </message>
    <message>
        <source>{sentence} Nothing was changed.</source>
        <translation>{sentence}没有任何改动。</translation>
    </message>
</context>
<context>
    <name>SkillDialog</name>
    <message>
        <source>Edit skill</source>
        <translation>编辑知识点</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Prerequisites:</source>
        <translation>前置知识点：</translation>
    </message>
    <message>
        <source>“{skill}” needs “{prerequisite}” first</source>
        <translation>“{skill}”要先掌握“{prerequisite}”</translation>
    </message>
    <message>
        <source>These prerequisites would make a circle, so no skill in it could ever be suggested:
{steps}
Untick “{prerequisite}” here. Nothing was saved.</source>
        <translation>这些前置知识点会绕成一个圈，圈里的知识点永远不会被推荐：
{steps}
请在这里取消勾选“{prerequisite}”。没有保存任何改动。</translation>
    </message>
</context>
<context>
    <name>StudentPage</name>
    <message>
        <source>Student page</source>
        <translation>学生页面</translation>
    </message>
    <message>
        <source>Student:</source>
        <translation>学生：</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Mastery per skill</source>
        <translation>各知识点掌握情况</translation>
    </message>
    <message>
        <source>The bar is this student's chance of success on the skill, from their own answers; the black line shows how sure we are (it narrows with more answers). Dashed line: the mastered level. A skill is mastered only after at least 3 answers on it, when at least 70% of the latest are right, the bar reaches the dashed line and we are sure; with 1-2 answers there are too few to say.</source>
        <translation>色条是该学生按其本人作答得出的该知识点答对概率；黑线表示估计的误差范围（作答越多，黑线越短）。虚线：掌握线。知识点至少作答3次后，最近的作答至少70%答对、色条达到虚线且有足够把握时，才算已掌握；只有1～2次作答时，作答太少，尚无法判断。</translation>
    </message>
    <message>
        <source>Chance of success</source>
        <translation>答对概率</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress week by week</source>
        <translation>每周进步</translation>
    </message>
    <message>
        <source>No answers yet.</source>
        <translation>还没有作答。</translation>
    </message>
    <message>
        <source>Answer history</source>
        <translation>作答记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>No students in this class yet: add them in Classes &amp; students.</source>
        <translation>这个班级还没有学生：请在“班级和学生”中添加。</translation>
    </message>
    <message>
        <source>Working out where {name} stands…</source>
        <translation>正在分析 {name} 的情况…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Updating the student page…</source>
        <translation>正在更新学生页面…</translation>
    </message>
    <message>
        <source>Practice focus set on the Class dashboard: {skills}. The next steps keep to it.</source>
        <translation>在班级概览中设定的练习重点：{skills}。下一步只列这些知识点。</translation>
    </message>
    <message>
        <source>{name}: 1 answer, {mastered} of {skills} skills mastered.</source>
        <translation>{name}：1 次作答，{skills} 个知识点中已掌握 {mastered} 个。</translation>
    </message>
    <message>
        <source>{name}: {answers} answers, {mastered} of {skills} skills mastered.</source>
        <translation>{name}：{answers} 次作答，{skills} 个知识点中已掌握 {mastered} 个。</translation>
    </message>
    <message>
        <source>right</source>
        <translation>对</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错</translation>
    </message>
    <message>
        <source>Share right</source>
        <translation>正确率</translation>
    </message>
    <message>
        <source>Skills mastered</source>
        <translation>已掌握知识点比例</translation>
    </message>
    <message>
        <source>paper quiz</source>
        <translation>纸笔测验</translation>
    </message>
    <message>
        <source>practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>paper quiz “{quiz}”</source>
        <translation>纸笔测验“{quiz}”</translation>
    </message>
    <message>
        <source>{where}; wrote: {answer}</source>
        <translation>{where}；学生答案：{answer}</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>作答数</translation>
    </message>
    <message>
        <source>Share right (%)</source>
        <translation>正确率（%）</translation>
    </message>
    <message>
        <source>Chance of success (%)</source>
        <translation>答对概率（%）</translation>
    </message>
    <message>
        <source>Range from (%)</source>
        <translation>范围下限（%）</translation>
    </message>
    <message>
        <source>Range to (%)</source>
        <translation>范围上限（%）</translation>
    </message>
    <message>
        <source>Chance it is mastered (%)</source>
        <translation>已掌握的把握（%）</translation>
    </message>
    <message>
        <source>Not fully marked</source>
        <translation>尚未批完</translation>
    </message>
    <message>
        <source>Skills mastered</source>
        <translation>已掌握知识点数</translation>
    </message>
    <message>
        <source>Skills in all</source>
        <translation>知识点总数</translation>
    </message>
    <message>
        <source>Needs help with</source>
        <translation>需要帮助的知识点</translation>
    </message>
    <message>
        <source>Next skill</source>
        <translation>下一个知识点</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>答对数</translation>
    </message>
</context>
<context>
    <name>VariantsDialog</name>
    <message>
        <source>New variants from a template</source>
        <translation>用模板生成新题</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>1 – easiest</source>
        <translation>1 – 最简单</translation>
    </message>
    <message>
        <source>3 – medium</source>
        <translation>3 – 中等</translation>
    </message>
    <message>
        <source>5 – hardest</source>
        <translation>5 – 最难</translation>
    </message>
    <message>
        <source>Difficulty:</source>
        <translation>难度：</translation>
    </message>
    <message>
        <source>How many:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Add to the bank</source>
        <translation>加入题库</translation>
    </message>
    <message>
        <source>  ({choices})</source>
        <translation>（{choices}）</translation>
    </message>
    <message>
        <source>{count} of them the bank already has: left out.</source>
        <translation>其中 {count} 道题库里已经有了，没有列出。</translation>
    </message>
    <message>
        <source>Only {count} different exercises can be made at this difficulty.</source>
        <translation>在这个难度下只能生成 {count} 道不同的练习。</translation>
    </message>
</context>
<context>
    <name>_KindTexts</name>
    <message>
        <source>Multiple choice</source>
        <translation>选择题</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字题</translation>
    </message>
    <message>
        <source>Short text</source>
        <translation>填空题</translation>
    </message>
    <message>
        <source>Marked by the teacher</source>
        <translation>教师批改</translation>
    </message>
</context>
<context>
    <name>engine_texts</name>
    <message>
        <source>{file}, line {line}: a quote " opened here is never closed (the file ends inside it).</source>
        <translation>{file}，第 {line} 行：这里开始的引号 " 一直没有结束（文件在引号内结束）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: a quote " opened on this line runs on to line {last}, where the quotes are not well formed (a quote that is never closed?).</source>
        <translation>{file}，第 {line} 行：这一行开始的引号 " 一直延续到第 {last} 行，那里的引号格式不正确（是否有引号没有结束？）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the quotes are not well formed ({reason}).</source>
        <translation>{file}，第 {line} 行：引号格式不正确（{reason}）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: one cell holds more than {count} characters; this is not a CSV table.</source>
        <translation>{file}，第 {line} 行：一个单元格里有超过 {count} 个字符，这不是 CSV 表格。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the line is longer than {count} characters; this is not a CSV table.</source>
        <translation>{file}，第 {line} 行：这一行超过 {count} 个字符，这不是 CSV 表格。</translation>
    </message>
    <message>
        <source>{file}, line {line}: more than {count} empty lines in a row; this is not a CSV table.</source>
        <translation>{file}，第 {line} 行：连续超过 {count} 个空行，这不是 CSV 表格。</translation>
    </message>
    <message>
        <source>{file}: the file holds more than {count} MB of text; an exercise pack is far smaller, so it is not read.</source>
        <translation>{file}：文件里的文字超过 {count} MB；题包远没有这么大，因此不读取它。</translation>
    </message>
    <message>
        <source>{file}, line {line}: a quoted cell in column '{column}' runs on to line {last} (a quote " that is never closed?).</source>
        <translation>{file}，第 {line} 行：“{column}”列中带引号的单元格一直延续到第 {last} 行（是否有引号 " 没有结束？）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: {count} fields, expected {width} as in the header (a stray {mark}, a missing cell, or a name with a {mark2} that needs quotes?).</source>
        <translation>{file}，第 {line} 行：有 {count} 个字段，但标题行有 {width} 个（是否多了一个{mark}、少了一个单元格，或者名字中含有{mark2}而需要加引号？）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: not UTF-8 text (save the file as 'CSV UTF-8' and import it again).</source>
        <translation>{file}，第 {line} 行：不是 UTF-8 文本（请把文件另存为“CSV UTF-8”后重新导入）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: this line is saved as UTF-8, the lines before it as GBK (Chinese Excel's CSV): save the whole file as 'CSV UTF-8' and import it again.</source>
        <translation>{file}，第 {line} 行：这一行是 UTF-8 编码，而前面各行是 GBK 编码（中文 Excel 的 CSV）：请把整个文件另存为“CSV UTF-8”后重新导入。</translation>
    </message>
    <message>
        <source>{file}, line {line}: not UTF-8 text (save the file as UTF-8 and import it again).</source>
        <translation>{file}，第 {line} 行：不是 UTF-8 文本（请把文件另存为 UTF-8 后重新导入）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the file ends in the middle of a character, so it was cut short (copied only in part?). Save it again and import it again.</source>
        <translation>{file}，第 {line} 行：文件在一个字符的中间结束了，说明文件不完整（只复制了一部分？）。请重新保存后再导入。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the header line is not well formed ({reason}).</source>
        <translation>{file}，第 {line} 行：标题行格式不正确（{reason}）。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the line holds NUL bytes (\0); this is not a text CSV file.</source>
        <translation>{file}，第 {line} 行：这一行含有空字节（\0），这不是文本 CSV 文件。</translation>
    </message>
    <message>
        <source>{file}: the gzip file is damaged ({reason}).</source>
        <translation>{file}：gzip 文件已损坏（{reason}）。</translation>
    </message>
    <message>
        <source>{file}: is a folder, not a file.</source>
        <translation>{file}：这是一个文件夹，不是文件。</translation>
    </message>
    <message>
        <source>{file}: cannot read the file ({reason}).</source>
        <translation>{file}：无法读取文件（{reason}）。</translation>
    </message>
    <message>
        <source>{file}: the file is empty.</source>
        <translation>{file}：文件是空的。</translation>
    </message>
    <message>
        <source>{file}: this is an Excel workbook, not a CSV file. In Excel choose File, Save As, 'CSV UTF-8', and import that file.</source>
        <translation>{file}：这是 Excel 工作簿，不是 CSV 文件。请在 Excel 中选择“文件”→“另存为”，保存为“CSV UTF-8”，再导入那个文件。</translation>
    </message>
    <message>
        <source>{file}, line 1: no 'name' column (the columns are: {columns}); Lamplight reads a column called name, student or full name, or first name and last name (forename, surname).</source>
        <translation>{file}，第 1 行：没有姓名列（第一行要有“姓名”“学生姓名”“名字”或“name”这样的列名；现有的列：{columns}）。</translation>
    </message>
    <message>
        <source>{file}: the roster has no students.</source>
        <translation>{file}：名单中没有学生。</translation>
    </message>
    <message>
        <source>{file}: no line of the roster can be imported.</source>
        <translation>{file}：名单中没有一行可以导入。</translation>
    </message>
    <message>
        <source>{file}: the file has more than {count} lines of students, far more than a class; is it the right file? Nothing was added.</source>
        <translation>{file}：文件中有超过 {count} 行学生，远远多于一个班的人数。是不是选错了文件？没有添加任何内容。</translation>
    </message>
    <message>
        <source>{file}, line 1: no '{column}' column (the columns are: {columns}).</source>
        <translation>{file}，第 1 行：没有“{column}”列（现有的列：{columns}）。</translation>
    </message>
    <message>
        <source>{file}: this is a class list, not a file of answers: to add its students, use Import roster (CSV).</source>
        <translation>{file}：这是班级名单，不是答案文件。要添加其中的学生，请用“导入名单（CSV）”。</translation>
    </message>
    <message>
        <source>{file}, line {line}: student_id is empty.</source>
        <translation>{file}，第 {line} 行：student_id（学生编号）是空的。</translation>
    </message>
    <message>
        <source>{file}, line {line}: item_id is empty.</source>
        <translation>{file}，第 {line} 行：item_id（题目编号）是空的。</translation>
    </message>
    <message>
        <source>{file}, line {line}: correct must be 1 or 0, not '{value}'.</source>
        <translation>{file}，第 {line} 行：correct 必须是 1 或 0，而不是“{value}”。</translation>
    </message>
    <message>
        <source>{file}, line {line}: correct must be 1 or 0 (or a score from 0 to 1), not '{value}'.</source>
        <translation>{file}，第 {line} 行：correct 必须是 1 或 0（或 0 到 1 之间的分数），而不是“{value}”。</translation>
    </message>
    <message>
        <source>{file}, line {line}: position must be a number, not '{value}'.</source>
        <translation>{file}，第 {line} 行：position 必须是数字，而不是“{value}”。</translation>
    </message>
    <message>
        <source>{file}, line {line}: '{value}' is not an ISO date and time.</source>
        <translation>{file}，第 {line} 行：“{value}”不是 ISO 格式的日期和时间。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the date '{value}' cannot be an answer's (years {first} to {last} are read); nothing was imported.</source>
        <translation>{file}，第 {line} 行：日期“{value}”不可能是作答日期（只读取 {first} 到 {last} 年）；什么都没有导入。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the time '{value}' is after today ({day} on this computer's clock): check the file's times, or the computer's date; nothing was imported.</source>
        <translation>{file}，第 {line} 行：时间“{value}”晚于今天（这台电脑的时钟为 {day}）：请检查文件中的时间或电脑的日期；没有导入任何内容。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the answer is {count} characters long; Lamplight keeps typed answers of at most {most} characters; nothing was imported.</source>
        <translation>{file}，第 {line} 行：这个答案有 {count} 个字符；Lamplight 保存的书面答案最多 {most} 个字符；没有导入任何内容。</translation>
    </message>
    <message>
        <source>{count} students of the class are called '{name}' (id '{id}' in the file); give them different names, then import again.</source>
        <translation>本班有 {count} 名学生都叫“{name}”（文件中的编号是“{id}”）；请先给他们起不同的名字，再导入。</translation>
    </message>
    <message>
        <source>'{name}' has two ids in the file ('{first}' and '{second}'); give each student one id, then import again.</source>
        <translation>“{name}”在文件中有两个编号（“{first}”和“{second}”）；请让每个学生只有一个编号，再导入。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
    <message>
        <source>{file}: the file has no answers.</source>
        <translation>{file}：文件中没有作答。</translation>
    </message>
    <message>
        <source>{file}: the file changed while it was being imported; import it again.</source>
        <translation>{file}：导入过程中文件被改动了，请重新导入。</translation>
    </message>
    <message>
        <source>Lamplight could not make {path} private to your Windows account ({why}). Nothing was lost and your work is saved, but other accounts on this computer may be able to read it. Keep the data folder in your own user folder (the default), or ask whoever looks after the computer to restrict it.</source>
        <translation>Lamplight 无法把 {path} 设为只有您的 Windows 账户可以访问（{why}）。没有丢失任何数据，您的工作已保存，但这台电脑上的其他账户可能可以读取它。请把数据文件夹放在您自己的用户文件夹中（默认位置），或请管理这台电脑的人限制它的访问权限。</translation>
    </message>
    <message>
        <source>{file}: not accepted: its lists and objects are nested too deeply.</source>
        <translation>{file}：不能接受：列表和对象的嵌套层数太多。</translation>
    </message>
    <message>
        <source>{file}: a pack must be a JSON object.</source>
        <translation>{file}：这个文件不是 Lamplight 题包。</translation>
    </message>
    <message>
        <source>{file}: not a Lamplight exercise pack (its "format" is not "{format}"). Choose a pack saved with Export pack, or one that came with Lamplight.</source>
        <translation>{file}：这个文件不是 Lamplight 题包（题包是“{format}”格式的文件）。请选择用“导出题包…”保存的文件，或 Lamplight 自带的题包。</translation>
    </message>
    <message>
        <source>{file}: $.version {version} is not supported (this Lamplight reads versions {versions}).</source>
        <translation>{file}：这个题包是第 {version} 版格式，这个 Lamplight 读不了（能读的版本：{versions}）。请先更新 Lamplight。</translation>
    </message>
    <message>
        <source>{file}: this pack was made for a newer Lamplight (pack version {version}); update Lamplight to import it.</source>
        <translation>{file}：这个题包是为更新版本的 Lamplight 做的（题包版本 {version}）；请先更新 Lamplight，再导入它。</translation>
    </message>
    <message>
        <source>{at}.id must be a non-empty text.</source>
        <translation>{at}：缺少编号。</translation>
    </message>
    <message>
        <source>{at}.name must be a non-empty text.</source>
        <translation>{at}：名称不能为空。</translation>
    </message>
    <message>
        <source>{at}.id '{id}' appears twice.</source>
        <translation>{at}：编号“{id}”出现了两次。</translation>
    </message>
    <message>
        <source>{file}: the skill “{skill}” builds on the skill “{prerequisite}”, which is neither in this pack nor in the exercise bank.</source>
        <translation>{file}：知识点“{skill}”以知识点“{prerequisite}”为前置知识点，但题包和题库里都没有这个知识点。</translation>
    </message>
    <message>
        <source>{file}: template {number} of the pack is of the skill “{skill}”, which is neither in this pack nor in the exercise bank.</source>
        <translation>{file}：题包里的第 {number} 个题目模板属于知识点“{skill}”，但题包和题库里都没有这个知识点。</translation>
    </message>
    <message>
        <source>{file}: exercise {number} of the pack (“{start}”) is of the skill “{skill}”, which is neither in this pack nor in the exercise bank.</source>
        <translation>{file}：题包里的第 {number} 道练习（“{start}”）属于知识点“{skill}”，但题包和题库里都没有这个知识点。</translation>
    </message>
    <message>
        <source>{at}.difficulty must be a number from 1 to 5.</source>
        <translation>{at}：难度必须是 1 到 5 之间的数字。</translation>
    </message>
    <message>
        <source>{file}: exercise {number} of the pack (“{start}”) is of a kind Lamplight does not have ('{kind}'); an exercise is multiple choice, a number, a short text or marked by the teacher.</source>
        <translation>{file}：题包的第 {number} 道练习（“{start}”）的题型是 Lamplight 没有的（“{kind}”）；练习只能是选择题、数字题、填空题或教师批改的题。</translation>
    </message>
    <message>
        <source>{file}: $.id must be a non-empty text.</source>
        <translation>{file}：这个题包没有编号，不能导入。</translation>
    </message>
    <message>
        <source>{file}: the pack's skills build on each other in a circle: {cycle}.</source>
        <translation>{file}：题包里的知识点互为前置，绕成了一个圈：{cycle}。</translation>
    </message>
    <message>
        <source>{file}, line {line}: the file has a mistake here and cannot be read ({reason}).</source>
        <translation>{file}，第 {line} 行：文件在这里有错，无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{file}: the file has a mistake and cannot be read ({reason}).</source>
        <translation>{file}：文件有错，无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{file}: with the skills already in the exercise bank, the pack's skills would build on each other in a circle: {cycle}.</source>
        <translation>{file}：加上题库里已有的知识点，题包里的知识点会互为前置，绕成一个圈：{cycle}。</translation>
    </message>
    <message>
        <source>{file}: $.language must be a language code such as 'en' or 'zh_CN'.</source>
        <translation>{file}：$.language 必须是语言代码，例如 'en' 或 'zh_CN'。</translation>
    </message>
    <message>
        <source>{file}: $.{key} must be a list.</source>
        <translation>{file}：$.{key} 必须是一个列表。</translation>
    </message>
    <message>
        <source>{file}: not accepted: it holds a number with {digits} digits (at most {most} are allowed).</source>
        <translation>{file}：不接受：其中有一个 {digits} 位的数字（最多允许 {most} 位）。</translation>
    </message>
    <message>
        <source>{at} must be an object.</source>
        <translation>{at}：格式不对，这里应当是用大括号括起来的一组内容。</translation>
    </message>
    <message>
        <source>{at}.choices must be a list of texts.</source>
        <translation>{at}：选项（choices）必须是文字的列表。</translation>
    </message>
    <message>
        <source>{at}.skills must be a list of skill ids.</source>
        <translation>{at}：知识点（skills）必须是知识点编号的列表。</translation>
    </message>
    <message>
        <source>{at}.prerequisites must be a list of skill ids.</source>
        <translation>{at}：前置知识点（prerequisites）必须是知识点编号的列表。</translation>
    </message>
    <message>
        <source>{at}.description must be a text.</source>
        <translation>{at}：说明（description）必须是文字。</translation>
    </message>
    <message>
        <source>{at}.params must be an object.</source>
        <translation>{at}：参数（params）必须是一个对象。</translation>
    </message>
    <message>
        <source>{at}: prompt must be a text, and answer a text or a number.</source>
        <translation>{at}：题目（prompt）必须是文字，答案（answer）必须是文字或数字。</translation>
    </message>
    <message>
        <source>{at}: texts in several languages need pack version 2 ($.version is 1).</source>
        <translation>{at}：多种语言的文字需要第 2 版题包（$.version 是 1）。</translation>
    </message>
    <message>
        <source>{at}: a text in several languages must map language codes to texts.</source>
        <translation>{at}：多种语言的文字必须是“语言代码 → 文字”的对应。</translation>
    </message>
    <message>
        <source>{at}.template: unknown template '{template}'.</source>
        <translation>{at}：没有模板“{template}”。</translation>
    </message>
    <message>
        <source>{at}: a template must be a JSON object.</source>
        <translation>{at}：模板必须是一个 JSON 对象。</translation>
    </message>
    <message>
        <source>{at}: the template has no '{field}'.</source>
        <translation>{at}：模板缺少“{field}”。</translation>
    </message>
    <message>
        <source>A skill named '{name}' already exists.</source>
        <translation>已经有名为“{name}”的知识点了。</translation>
    </message>
    <message>
        <source>The exercise prompt is longer than {most} characters: '{start}'.</source>
        <translation>题目文字超过 {most} 个字符：“{start}”。</translation>
    </message>
    <message>
        <source>An answer or a choice is longer than {most} characters: '{start}'.</source>
        <translation>有答案或选项超过 {most} 个字符：“{start}”。</translation>
    </message>
    <message>
        <source>A multiple-choice exercise has at most {most} choices ({count} given): '{start}'.</source>
        <translation>选择题最多只能有 {most} 个选项（这里有 {count} 个）：“{start}”。</translation>
    </message>
    <message>
        <source>The exercise prompt is empty.</source>
        <translation>练习题目是空的。</translation>
    </message>
    <message>
        <source>This question has no choice {letter}: the paper shows {count} choices.</source>
        <translation>这道题没有 {letter} 选项：试卷上只有 {count} 个选项。</translation>
    </message>
    <message>
        <source>This question's choices are A to {last}: type the letter the student circled.</source>
        <translation>这道题的选项是 A 到 {last}：请输入学生圈出的选项字母。</translation>
    </message>
    <message>
        <source>A multiple-choice exercise needs at least two choices: '{start}'.</source>
        <translation>选择题至少需要两个选项：“{start}”。</translation>
    </message>
    <message>
        <source>The answer '{answer}' is not one of the choices of '{start}'.</source>
        <translation>答案“{answer}”不是“{start}”的选项之一。</translation>
    </message>
    <message>
        <source>The choice '{choice}' is there twice in '{start}': a child would see two equal buttons.</source>
        <translation>选项“{choice}”在“{start}”中出现了两次：学生会看到两个一样的按钮。</translation>
    </message>
    <message>
        <source>The answer '{answer}' of a numeric exercise is not a number: '{start}'.</source>
        <translation>数字题的答案“{answer}”不是数字：“{start}”。</translation>
    </message>
    <message>
        <source>The answer '{answer}' of a numeric template is not a number.</source>
        <translation>数字题模板的答案“{answer}”不是数字。</translation>
    </message>
    <message>
        <source>{count} choices where the exercise has {base}: '{start}'.</source>
        <translation>有 {count} 个选项，而这道练习有 {base} 个：“{start}”。</translation>
    </message>
    <message>
        <source>the answer is not at the same place among the choices: '{start}'.</source>
        <translation>答案在选项中的位置和原来的不同：“{start}”。</translation>
    </message>
    <message>
        <source>the answer {answer} is not the same number as {base}: '{start}'.</source>
        <translation>答案 {answer} 和 {base} 不是同一个数：“{start}”。</translation>
    </message>
    <message>
        <source>Template '{template}' in {code}: the answer {answer} is not the same number as {base}.</source>
        <translation>模板“{template}”的{code}答案 {answer} 和 {base} 不是同一个数。</translation>
    </message>
    <message>
        <source>{at}: a curly bracket without its partner (each value to fill in stands between an opening and a closing one).</source>
        <translation>{at}：有一个花括号没有配对（每个要填入的值都写在一对花括号中间）。</translation>
    </message>
    <message>
        <source>Template '{template}' found no values meeting its conditions at difficulty {difficulty}.</source>
        <translation>模板“{template}”在难度 {difficulty} 下找不到满足其条件的数值。</translation>
    </message>
    <message>
        <source>at difficulty {difficulty}: {reason}</source>
        <translation>难度 {difficulty}：{reason}</translation>
    </message>
    <message>
        <source>A short-text exercise needs an answer key: '{start}'.</source>
        <translation>填空题需要标准答案：“{start}”。</translation>
    </message>
    <message>
        <source>The exercise holds hidden control characters (a NUL, or a right-to-left override that shows its text in another order): '{start}'.</source>
        <translation>这道练习含有看不见的控制字符（空字节，或会让文字倒过来显示的从右到左控制符）：“{start}”。</translation>
    </message>
    <message>
        <source>{file}: no such backup file.</source>
        <translation>{file}：没有这个备份文件。</translation>
    </message>
    <message>
        <source>{file} is a folder or a device, not a backup file; nothing was changed.</source>
        <translation>{file} 是文件夹或设备，不是备份文件；什么都没有改动。</translation>
    </message>
    <message>
        <source>{file} is the data file Lamplight is using, not a backup: choose a backup (saved with “Save a backup to…”, or one of the list of backups); nothing was changed.</source>
        <translation>{file} 是 Lamplight 正在使用的数据文件，不是备份：请选择一个备份（用“将备份保存到…”保存的，或备份列表中的一个）；没有做任何更改。</translation>
    </message>
    <message>
        <source>{file} was changed after Lamplight saved it on this laptop on {when}, by another program or by damage on the stick or disk, so it is not used; nothing was changed.</source>
        <translation>{file} 在 Lamplight 于 {when} 在这台电脑上保存之后被改动过（被其他程序改动，或 U 盘、磁盘损坏），所以不能使用；什么都没有改动。</translation>
    </message>
    <message>
        <source>{file}: the key file beside it, {keys}, belongs to another backup and does not open this one. Put this backup's own key file beside it (saved with it, under its name). Nothing was changed.</source>
        <translation>{file}：它旁边的密钥文件 {keys} 属于另一个备份，打不开这个备份。请把这个备份自己的密钥文件（和它一起保存、以它命名的那个）放在它旁边。什么都没有改动。</translation>
    </message>
    <message>
        <source>{file}: not a readable Lamplight database: it is damaged, or not a Lamplight file.</source>
        <translation>{file}：无法读取：文件已损坏，或者不是 Lamplight 文件。</translation>
    </message>
    <message>
        <source>{file}: not a readable Lamplight backup: it is damaged, or not a Lamplight file.</source>
        <translation>{file}：无法读取这个备份：文件已损坏，或者不是 Lamplight 文件。</translation>
    </message>
    <message>
        <source>{file}: the file is damaged: part of it cannot be read back.</source>
        <translation>{file}：文件已损坏：其中一部分无法读取。</translation>
    </message>
    <message>
        <source>{file}: made by a newer Lamplight (schema {version}); update Lamplight first.</source>
        <translation>{file}：由更新版本的 Lamplight 制作（数据结构版本 {version}），请先更新 Lamplight。</translation>
    </message>
    <message>
        <source>{file}: not a Lamplight backup (it has no Lamplight tables).</source>
        <translation>{file}：不是 Lamplight 备份（其中没有 Lamplight 的数据表）。</translation>
    </message>
    <message>
        <source>{file}: not a Lamplight backup as Lamplight makes it: another program changed its tables, so it is not used.</source>
        <translation>{file}：这不是 Lamplight 原样保存的备份：有别的程序改动过其中的表，因此不使用它。</translation>
    </message>
    <message>
        <source>{file}: not a Lamplight backup as Lamplight makes it: another program changed what it holds, so it is not used.</source>
        <translation>{file}：这不是 Lamplight 原样保存的备份：有别的程序改动过其中的内容，因此不使用它。</translation>
    </message>
    <message>
        <source>{folder}: no such folder (was the USB stick removed?); the backup was not saved.</source>
        <translation>{folder}：没有这个文件夹（U 盘是否已拔出？），备份没有保存。</translation>
    </message>
    <message>
        <source>There is no good backup in {folder} to restore.</source>
        <translation>{folder} 中没有可以恢复的完好备份。</translation>
    </message>
    <message>
        <source>{file}: this is the key file of an encrypted backup, not the backup: choose {name} (in the same folder) instead.</source>
        <translation>{file}：这是加密备份的密钥文件，不是备份本身：请改选同一文件夹中的 {name}。</translation>
    </message>
    <message>
        <source>{file}: Lamplight cannot read this file. If it is an encrypted backup saved on another computer (or under a key this data folder no longer has), it opens only with its key file {keys}, saved beside it: copy that file into the same folder and try again. Otherwise it is damaged, or not a Lamplight backup. Nothing was changed.</source>
        <translation>{file}：Lamplight 无法读取这个文件。如果它是在另一台电脑上保存的加密备份（或使用了这个数据文件夹已不再拥有的密钥），它只能用保存在旁边的密钥文件 {keys} 打开：请把那个文件复制到同一个文件夹，再试一次。否则，这个文件已损坏，或者不是 Lamplight 备份。没有任何改动。</translation>
    </message>
    <message>
        <source>{file}: this backup is damaged or incomplete (was the USB stick taken out before the copy had finished?): its key file opens it, but part of it is missing. Nothing was changed; choose another backup.</source>
        <translation>{file}：这个备份已损坏或不完整（是否在复制完成之前拔出了 U 盘？）：它的密钥文件能打开它，但其中一部分数据缺失了。没有任何改动；请选择另一个备份。</translation>
    </message>
    <message>
        <source>{file} (the key of the backup {name}) is damaged ({reason}); nothing was changed.</source>
        <translation>{file}（备份 {name} 的密钥）已损坏（{reason}）；没有任何改动。</translation>
    </message>
    <message>
        <source>{file} is not the key of a Lamplight backup; nothing was changed.</source>
        <translation>{file} 不是 Lamplight 备份的密钥；没有任何改动。</translation>
    </message>
    <message>
        <source>That is neither the teacher password nor the recovery key this backup was saved with; nothing was changed.</source>
        <translation>这既不是保存这个备份时的教师密码，也不是它的恢复密钥；没有任何改动。</translation>
    </message>
    <message>
        <source>The data file {file} is damaged ({reason}).</source>
        <translation>数据文件 {file} 已损坏（{reason}）。</translation>
    </message>
    <message>
        <source>The data file {file} is damaged: part of it cannot be read back.</source>
        <translation>数据文件 {file} 已损坏：其中一部分读不出来。</translation>
    </message>
    <message>
        <source>The data file{file} is damaged or not a Lamplight file ({reason}).</source>
        <translation>数据文件{file}已损坏，或者不是 Lamplight 文件（{reason}）。</translation>
    </message>
    <message>
        <source>To restore the latest good backup in its place, run 'python -m engine recover' (the damaged file is kept), or start the app, which offers it.</source>
        <translation>要用最近的完好备份替换它，请运行“python -m engine recover”（损坏的文件会保留），或者启动应用，应用会提供这一选项。</translation>
    </message>
    <message>
        <source>The disk is full: {doing} did not happen and nothing was left half-written (at {file}).</source>
        <translation>磁盘已满：{doing}没有完成，也没有留下写了一半的文件（位置：{file}）。</translation>
    </message>
    <message>
        <source>The disk is full: {doing} did not happen and nothing was left half-written.</source>
        <translation>磁盘已满：{doing}没有完成，也没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>Free some space on that disk (empty the recycle bin, delete large files you no longer need) and try again.</source>
        <translation>请在该磁盘上腾出一些空间（清空回收站，删除不再需要的大文件），然后再试一次。</translation>
    </message>
    <message>
        <source>Lamplight may not write there (at {file}) ({reason}): {doing} did not happen. The data itself is intact. Check the folder's permissions or the disk, and try again.</source>
        <translation>Lamplight 不能在那里写入（位置：{file}）（{reason}）：{doing}没有完成。数据本身完好无损。请检查文件夹的权限或磁盘，然后再试一次。</translation>
    </message>
    <message>
        <source>Lamplight may not write to the data file{file}: the file, its folder or the disk is read-only, so {doing} did not happen. The data in it is intact. Make the data folder writable again (or copy it to a disk you can write to) and try again.</source>
        <translation>Lamplight 不能写入数据文件{file}：文件、所在文件夹或磁盘是只读的，所以{doing}没有完成。其中的数据完好无损。请让数据文件夹重新可写（或把它复制到可以写入的磁盘），然后再试一次。</translation>
    </message>
    <message>
        <source>Lamplight cannot open the data file{file}: its folder may be read-only or missing, or on a USB stick or network drive that is no longer there. The data in it is intact. Check the folder and try again.</source>
        <translation>Lamplight 无法打开数据文件{file}：所在文件夹可能是只读的或已不存在，或者在已拔出的 U 盘或已断开的网络驱动器上。其中的数据完好无损。请检查文件夹，然后再试一次。</translation>
    </message>
    <message>
        <source>The disk reported a problem while {doing} (at {file}) ({reason}); nothing was changed.</source>
        <translation>{doing}时磁盘报告了一个问题（位置：{file}）（{reason}），没有做任何改动。</translation>
    </message>
    <message>
        <source>Another Lamplight program is writing to the data (at {file}) (for example a long import) and did not finish in time, so {doing} did not happen. Try again when it has finished.</source>
        <translation>另一个 Lamplight 程序正在写入数据（位置：{file}）（例如一次较长的导入），没有及时完成，所以{doing}没有完成。请等它完成后再试一次。</translation>
    </message>
    <message>
        <source>That is not the current teacher password; nothing was changed.</source>
        <translation>这不是当前的教师密码，没有做任何改动。</translation>
    </message>
    <message>
        <source>That recovery key is not right; nothing was changed. Type it as printed when the password was set (dashes and case do not matter).</source>
        <translation>恢复密钥不正确，没有做任何改动。请按设置密码时打印出来的样子输入（短横线和大小写无关紧要）。</translation>
    </message>
    <message>
        <source>That is neither the teacher password nor the recovery key; the data stays locked.</source>
        <translation>这既不是教师密码也不是恢复密钥，数据仍然锁定。</translation>
    </message>
    <message>
        <source>That is not the teacher password; nothing was changed.</source>
        <translation>这不是教师密码；什么都没有改动。</translation>
    </message>
    <message>
        <source>The data is still being re-encrypted under its new key. Close Lamplight and start it again (it finishes then), and change the password after that. Nothing was changed.</source>
        <translation>数据还在用新的密钥重新加密。请关闭 Lamplight 再重新打开（那时会完成），之后再更改密码。什么都没有改动。</translation>
    </message>
    <message>
        <source>The data file {file} is encrypted, but its key file {name} is missing from {folder}. Put that file back from a copy of the data folder (the key file saved beside a USB backup of this data, renamed {name2}, opens it too, with the password of the day it was saved). Nothing was changed.</source>
        <translation>数据文件 {file} 已加密，但 {folder} 中缺少它的密钥文件 {name}。请从数据文件夹的副本中把这个文件放回去（这份数据的 U 盘备份旁保存的密钥文件，改名为 {name2} 后也能打开它，需用保存那天的密码）。什么都没有改动。</translation>
    </message>
    <message>
        <source>The key file {file} is damaged ({reason}); restore it from a copy of the data folder.</source>
        <translation>密钥文件 {file} 已损坏（{reason}）；请从数据文件夹的副本中恢复它。</translation>
    </message>
    <message>
        <source>{file} is not a Lamplight key file.</source>
        <translation>{file} 不是 Lamplight 的密钥文件。</translation>
    </message>
    <message>
        <source>{file} has key file version {version}; this Lamplight reads version {ours}.</source>
        <translation>{file} 的密钥文件版本是 {version}；这个 Lamplight 只能读取版本 {ours}。</translation>
    </message>
    <message>
        <source>That is not the teacher password; nothing was encrypted.</source>
        <translation>这不是教师密码，没有加密任何数据。</translation>
    </message>
    <message>
        <source>That is not the teacher password; the data stays encrypted.</source>
        <translation>这不是教师密码，数据仍然保持加密。</translation>
    </message>
    <message>
        <source>Too many wrong passwords in a row: wait {seconds} seconds, then try again.</source>
        <translation>连续输错密码的次数太多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source> ({count} wrong in a row: the next try must wait {seconds} seconds.)</source>
        <translation>（已连续输错 {count} 次：下一次尝试需要等待 {seconds} 秒。）</translation>
    </message>
    <message>
        <source>The teacher password must have at least {count} characters.</source>
        <translation>教师密码至少要有 {count} 个字符。</translation>
    </message>
    <message>
        <source>A teacher password is already set; change it with the current password or the recovery key.</source>
        <translation>已经设置了教师密码；请用当前密码或恢复密钥来修改它。</translation>
    </message>
    <message>
        <source>Set a teacher password first: the encryption key is protected by it.</source>
        <translation>请先设置教师密码：加密密钥由它保护。</translation>
    </message>
    <message>
        <source>The teacher password is too weak to protect encrypted data ({weakness}); nothing was encrypted. Choose a stronger one first ('python -m engine password change', or Settings in the app), then turn encryption on.</source>
        <translation>教师密码太弱，不足以保护加密的数据（{weakness}），没有加密任何数据。请先换一个更强的密码（“python -m engine password change”，或在应用的“设置”中），然后再开启加密。</translation>
    </message>
    <message>
        <source>That password is too weak to protect encrypted data ({weakness}).</source>
        <translation>这个密码太弱，不足以保护加密的数据（{weakness}）。</translation>
    </message>
    <message>
        <source>With encryption on, this password is what protects the encryption key: someone who copies the data folder can try passwords on their own computer as fast as it allows, with no waits (all 4-digit numbers take under half an hour). Choose at least {count} characters that are not all digits and not a common password, for example three unrelated words with a number (owl-river-lantern-7).</source>
        <translation>开启加密后，加密密钥就靠这个密码保护：复制了数据文件夹的人可以在自己的电脑上尽快地尝试各种密码，不需要等待（所有 4 位数字不到半小时就能试完）。请至少使用 {count} 个字符，不要全是数字，也不要用常见密码，例如三个互不相关的拼音词加一个数字（xiongmao-hebian-denglong-7）。</translation>
    </message>
    <message>
        <source>it has {count} characters</source>
        <translation>只有 {count} 个字符</translation>
    </message>
    <message>
        <source>The data in {folder} is already encrypted.</source>
        <translation>{folder} 中的数据已经加密。</translation>
    </message>
    <message>
        <source>The data in {folder} is not encrypted.</source>
        <translation>{folder} 中的数据没有加密。</translation>
    </message>
    <message>
        <source>{name} is archived: it is kept as it was. To change it, choose it in Classes &amp; students and press Restore.</source>
        <translation>{name}已归档，保持原样不变。要修改它，请在“班级和学生”中选中它并按“恢复”。</translation>
    </message>
    <message>
        <source>{where} is not {wanted} from Lamplight (the file is empty or is not a JSON file).</source>
        <translation>{where} 不是 Lamplight 的{wanted}（文件是空的，或者不是 JSON 文件）。</translation>
    </message>
    <message>
        <source>{where} is not {wanted} from Lamplight (it is a JSON file, but not one Lamplight wrote for a district).</source>
        <translation>{where} 不是 Lamplight 的{wanted}（它是 JSON 文件，但不是 Lamplight 为学区写的文件）。</translation>
    </message>
    <message>
        <source>{where} was made by another version of Lamplight (district format version {version}; this Lamplight reads versions {versions}). Use the same Lamplight version at the school and the district.</source>
        <translation>{where} 是另一个版本的 Lamplight 做的（学区文件格式版本 {version}；这个 Lamplight 能读的版本：{versions}）。学校和学区请使用同一版本的 Lamplight。</translation>
    </message>
    <message>
        <source>{where} was made by a newer Lamplight (district format version {version}; this Lamplight reads versions up to {newest}). Update Lamplight on this laptop, then use the file again.</source>
        <translation>{where} 是较新版本的 Lamplight 做的（学区文件格式版本 {version}；这个 Lamplight 最多能读到版本 {newest}）。请先更新这台电脑上的 Lamplight，再使用这个文件。</translation>
    </message>
    <message>
        <source>{where} says it is {kind} of district format version {version}, but that version had no such files; it is refused.</source>
        <translation>{where} 自称是学区文件格式版本 {version} 的{kind}，但那个版本没有这种文件；不予使用。</translation>
    </message>
    <message>
        <source>Wrong file: {where} is {found}, not {wanted}.</source>
        <translation>选错了文件：{where} 是{found}，不是{wanted}。</translation>
    </message>
    <message>
        <source>The district combines the schools' update files into a district model: use the district model file here.</source>
        <translation>学区会把各校的更新文件合并成一个学区模型：这里请使用学区模型文件。</translation>
    </message>
    <message>
        <source>{where} is incomplete: it has no content.</source>
        <translation>{where} 不完整：里面没有内容。</translation>
    </message>
    <message>
        <source>{where} was changed after it was written (its checksum does not match); it is refused.</source>
        <translation>{where} 写好后被改动过（校验和不符）；不予使用。</translation>
    </message>
    <message>
        <source>Copy it again from the computer that wrote it.</source>
        <translation>请从写出它的那台电脑重新复制一份。</translation>
    </message>
    <message>
        <source>{where} is not signed with the district key; it is refused.</source>
        <translation>{where} 没有用学区密钥签名；不予使用。</translation>
    </message>
    <message>
        <source>{where} was signed with another district key (or changed); it is refused.</source>
        <translation>{where} 是用另一个学区密钥签名的（或者被改动过）；不予使用。</translation>
    </message>
    <message>
        <source>{where} is signed with a district key, so it can only be used with that key: give the key file (--key-file) to check it.</source>
        <translation>{where} 用学区密钥签了名，只能配合那个密钥使用：请提供密钥文件（--key-file）来检查它。</translation>
    </message>
    <message>
        <source>Cannot read the district key file {path} ({reason}).</source>
        <translation>无法读取学区密钥文件 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>The district key file {path} is empty.</source>
        <translation>学区密钥文件 {path} 是空的。</translation>
    </message>
    <message>
        <source>{path} has {count} lines, so it is not a district key file (a key file holds one line of text). Choose the file the district handed out with its key.</source>
        <translation>{path} 有 {count} 行，所以不是学区密钥文件（密钥文件只有一行文字）。请选择学区随密钥发下来的那个文件。</translation>
    </message>
    <message>
        <source>{path} is too big to be a district key file (a key file holds one line of text).</source>
        <translation>{path} 太大，不可能是学区密钥文件（密钥文件只有一行文字）。</translation>
    </message>
    <message>
        <source>{path} is not a file, so it is not a district key file.</source>
        <translation>{path} 不是文件，所以不是学区密钥文件。</translation>
    </message>
    <message>
        <source>{path} is a district file, not the district's key file. The key file is the small text file the district handed out with its key.</source>
        <translation>{path} 是学区文件，不是学区的密钥文件。密钥文件是学区发下来的、写着密钥的小文本文件。</translation>
    </message>
    <message>
        <source>The district key file {path} is not there (on a USB stick that is not plugged in?). Plug the stick in, or choose the district key file again.</source>
        <translation>找不到学区密钥文件 {path}（它在没有插上的 U 盘里吗？）。请插上 U 盘，或者重新选择学区密钥文件。</translation>
    </message>
    <message>
        <source>{file} is {size} MB, too big to be {kind}.</source>
        <translation>{file} 有 {size} MB，太大了，不可能是{kind}。</translation>
    </message>
    <message>
        <source>{file} is part of Lamplight's own data: saving there would replace it. Choose another name or folder (a USB stick, Documents); nothing was written.</source>
        <translation>{file} 是 Lamplight 自己的数据：保存在那里会把它替换掉。请换一个文件名或文件夹（U 盘、“文档”）；什么都没有写入。</translation>
    </message>
    <message>
        <source>{folder} is part of Lamplight's own data: choose a USB stick or another folder; the backup was not saved.</source>
        <translation>{folder} 是 Lamplight 自己的数据：请选择 U 盘或其他文件夹；备份没有保存。</translation>
    </message>
    <message>
        <source>{where} is damaged or incomplete: part of the model is missing or wrong ({reason}).</source>
        <translation>{where} 已损坏或不完整：模型的一部分缺失或有误（{reason}）。</translation>
    </message>
    <message>
        <source>{where} is incomplete: it lacks the meta-parameters {names}.</source>
        <translation>{where} 不完整：缺少元参数 {names}。</translation>
    </message>
    <message>
        <source>{where}: its content does not match its id (it was changed after it was made); it is refused.</source>
        <translation>{where}：内容与它的编号不符（做好后被改动过）；不予使用。</translation>
    </message>
    <message>
        <source>{file} was made for exercise pack {pack} edition {edition}, but this laptop has {ours} edition {our_edition}. The school and the district must use the same edition of the pack: update the pack first.</source>
        <translation>{file} 是为练习包 {pack} 的版本 {edition} 做的，但这台电脑上是 {ours} 的版本 {our_edition}。学校和学区必须使用同一版本的练习包：请先更新练习包。</translation>
    </message>
    <message>
        <source>This class has not answered any of the exercises shared with the district yet: nothing to share.</source>
        <translation>本班还没有做过任何与学区共享的练习：没有可以分享的内容。</translation>
    </message>
    <message>
        <source>This district model is from round {round}, older than the round {newest} model this class uses: use the district's newest file.</source>
        <translation>这个学区模型是第 {round} 轮的，比本班正在使用的第 {newest} 轮模型旧：请使用学区最新的文件。</translation>
    </message>
    <message>
        <source>This district model has learned nothing yet (it is from the district's counting round): use the file of the next round.</source>
        <translation>这个学区模型还什么都没有学到（它来自学区的统计轮）：请使用下一轮的文件。</translation>
    </message>
    <message>
        <source>Nothing can be shared yet: each exercise needs answers from at least {count} students of the class, and none has that many yet.</source>
        <translation>现在还没有可以分享的内容：每道练习都要有本班至少 {count} 名学生做过才能分享，而现在还没有哪道练习有这么多人做过。</translation>
    </message>
    <message>
        <source>Exercises close to it: {close} (answered by {low} to {high} students).</source>
        <translation>接近这个要求的练习：{close} 道（有 {low} 到 {high} 名学生做过）。</translation>
    </message>
    <message>
        <source>The most-answered exercise has answers from {most} students.</source>
        <translation>做过人数最多的练习有 {most} 名学生做过。</translation>
    </message>
    <message>
        <source>Nothing can be shared yet: with privacy noise, an exercise needs answers from at least about {needed} students (instead of {count}), and none of this class's exercises has that many yet.</source>
        <translation>现在还没有可以分享的内容：加入随机噪声后，一道练习要有大约 {needed} 名以上的学生做过才能分享（不加噪声时为 {count} 名），而本班还没有哪道练习有这么多人做过。</translation>
    </message>
    <message>
        <source>Nothing can be shared yet: with privacy noise, the class's totals do not stand out from the noise on any exercise.</source>
        <translation>现在还没有可以分享的内容：加入随机噪声后，本班在任何一道练习上的合计数字都没有明显超出噪声。</translation>
    </message>
    <message>
        <source>Sharing again gives the same answer until the class has more answers (the same answers always get the same noise, so trying again gives nothing away).</source>
        <translation>在班级有更多作答之前，再次分享也是同样的结果（同样的作答总是加入同样的噪声，所以重试不会泄露更多信息）。</translation>
    </message>
    <message>
        <source>Nothing can be shared yet: the class's answers do not say enough about any exercise.</source>
        <translation>现在还没有可以分享的内容：本班的答题还不足以说明任何一道练习的情况。</translation>
    </message>
    <message>
        <source>This class's model is not a meta-learned response model; a district model cannot replace it.</source>
        <translation>本班的模型不是元学习的作答模型；学区模型不能替换它。</translation>
    </message>
    <message>
        <source>a district file cannot hold NaN or infinite values</source>
        <translation>学区文件不能包含 NaN 或无穷大的数值</translation>
    </message>
    <message>
        <source>using the data</source>
        <translation>使用数据</translation>
    </message>
    <message>
        <source>saving the file</source>
        <translation>保存文件</translation>
    </message>
    <message>
        <source>saving the printout</source>
        <translation>保存打印文件</translation>
    </message>
    <message>
        <source>encrypting the data</source>
        <translation>加密数据</translation>
    </message>
    <message>
        <source>encrypting the backups</source>
        <translation>加密备份</translation>
    </message>
    <message>
        <source>encrypting the data under a new key</source>
        <translation>用新密钥加密数据</translation>
    </message>
    <message>
        <source>turning encryption off</source>
        <translation>关闭加密</translation>
    </message>
    <message>
        <source>saving the key file</source>
        <translation>保存密钥文件</translation>
    </message>
    <message>
        <source>saving the district file</source>
        <translation>保存学区文件</translation>
    </message>
    <message>
        <source>saving the school's key</source>
        <translation>保存学校的密钥</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>saving the backup</source>
        <translation>保存备份</translation>
    </message>
    <message>
        <source>writing a backup</source>
        <translation>写入备份</translation>
    </message>
    <message>
        <source>reading the backup file</source>
        <translation>读取备份文件</translation>
    </message>
    <message>
        <source>restoring the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>putting the backup in place</source>
        <translation>放回备份</translation>
    </message>
    <message>
        <source>preparing the import</source>
        <translation>准备导入</translation>
    </message>
    <message>
        <source>creating the data file</source>
        <translation>创建数据文件</translation>
    </message>
    <message>
        <source>creating the data folder</source>
        <translation>创建数据文件夹</translation>
    </message>
    <message>
        <source>opening the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>finishing an interrupted restore</source>
        <translation>完成一次中断的恢复</translation>
    </message>
    <message>
        <source>removing the student from a backup</source>
        <translation>从备份中删除该学生</translation>
    </message>
    <message>
        <source>file is not a database</source>
        <translation>文件不是数据库</translation>
    </message>
    <message>
        <source>database disk image is malformed</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁盘上没有剩余空间</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名太长</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>读写出错</translation>
    </message>
    <message>
        <source>it is only digits</source>
        <translation>全是数字</translation>
    </message>
    <message>
        <source>it repeats too few different characters</source>
        <translation>不同的字符太少</translation>
    </message>
    <message>
        <source>it is a common password</source>
        <translation>这是一个常见密码</translation>
    </message>
    <message>
        <source>it is a common password with digits or symbols added</source>
        <translation>这是常见密码加上数字或符号</translation>
    </message>
    <message>
        <source>it is built on a word anyone at the school would guess (lamplight, school, teacher, a class's name)</source>
        <translation>它用了学校里谁都猜得到的词（lamplight、学校、教师、班级名称等）</translation>
    </message>
    <message>
        <source>a school's update file</source>
        <translation>学校的更新文件</translation>
    </message>
    <message>
        <source>a district model</source>
        <translation>学区模型</translation>
    </message>
    <message>
        <source>a school's key file</source>
        <translation>学校的密钥文件</translation>
    </message>
    <message>
        <source>a district roster</source>
        <translation>学区名单</translation>
    </message>
    <message>
        <source>a school's masked update file</source>
        <translation>学校的加密更新文件</translation>
    </message>
    <message>
        <source>it is not a text file</source>
        <translation>它不是文本文件</translation>
    </message>
    <message>
        <source>a comma is missing here</source>
        <translation>这里少了一个逗号</translation>
    </message>
    <message>
        <source>a colon is missing here</source>
        <translation>这里少了一个冒号</translation>
    </message>
    <message>
        <source>something is missing here (or there is a comma too many before it), or the file stops here</source>
        <translation>这里少了内容（或者前面多了一个逗号），或者文件在这里中断了</translation>
    </message>
    <message>
        <source>a name in double quotes should be here, or there is a comma too many before it</source>
        <translation>这里应该是一个用英文双引号括起来的名称，或者它前面多了一个逗号</translation>
    </message>
    <message>
        <source>a quote opened here is never closed</source>
        <translation>这里开始的引号没有结束</translation>
    </message>
    <message>
        <source>a text in quotes holds a line break or a tab</source>
        <translation>引号里的文字中有换行或制表符</translation>
    </message>
    <message>
        <source>a \u is not followed by four hexadecimal digits</source>
        <translation>\u 后面不是四位十六进制数字</translation>
    </message>
    <message>
        <source>more text follows the end of the file's contents</source>
        <translation>内容结束后还有多余的文字</translation>
    </message>
    <message>
        <source>field larger than field limit (131072)</source>
        <translation>某一格过长（超过 131072 个字符）</translation>
    </message>
    <message>
        <source>',' expected after '"'</source>
        <translation>引号后面应当是逗号</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>full-width comma</source>
        <translation>全角逗号</translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation>竖线</translation>
    </message>
    <message>
        <source>checking: {step}</source>
        <translation>检查中：{step}</translation>
    </message>
    <message>
        <source>importing: {step}</source>
        <translation>导入中：{step}</translation>
    </message>
    <message>
        <source>{count} lines read</source>
        <translation>已读 {count} 行</translation>
    </message>
    <message>
        <source>{count} rows read</source>
        <translation>已读 {count} 行</translation>
    </message>
    <message>
        <source>{count} answers imported</source>
        <translation>已导入 {count} 个答案</translation>
    </message>
    <message>
        <source>finding the answers already in the class</source>
        <translation>查找班里已有的答案</translation>
    </message>
    <message>
        <source>storing the answers</source>
        <translation>保存答案</translation>
    </message>
    <message>
        <source>adding up what the class's answers say about each exercise</source>
        <translation>汇总全班答案对每道练习的说明</translation>
    </message>
    <message>
        <source>a few steps of meta-learning on this laptop</source>
        <translation>在这台电脑上做几步元学习</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>calibrating</source>
        <translation>正在校准</translation>
    </message>
    <message>
        <source>updating figures</source>
        <translation>正在更新数据</translation>
    </message>
    <message>
        <source>Checking how well the current model fits this class</source>
        <translation>检查当前模型与本班的吻合程度</translation>
    </message>
    <message>
        <source>Learning from this class's answers</source>
        <translation>从本班的答案中学习</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习中</translation>
    </message>
    <message>
        <source>Trying model settings {n} of {total}</source>
        <translation>尝试模型设置（第 {n} 组，共 {total} 组）</translation>
    </message>
    <message>
        <source>Checking the new model on answers it has not seen</source>
        <translation>用新模型没见过的答案检验它</translation>
    </message>
    <message>
        <source>fitting exercise loadings</source>
        <translation>拟合练习参数</translation>
    </message>
    <message>
        <source>checking on the latest answers: {step}</source>
        <translation>用最新的答案检验：{step}</translation>
    </message>
    <message>
        <source>refining the exercises' difficulties</source>
        <translation>细调练习难度</translation>
    </message>
    <message>
        <source>, skill {number} of the pack</source>
        <translation>，题包里的第 {number} 个知识点</translation>
    </message>
    <message>
        <source>, exercise {number} of the pack</source>
        <translation>，题包里的第 {number} 道练习</translation>
    </message>
    <message>
        <source>, template {number} of the pack</source>
        <translation>，题包里的第 {number} 个模板</translation>
    </message>
    <message>
        <source>its id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>its name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>its description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>its prerequisites</source>
        <translation>前置知识点</translation>
    </message>
    <message>
        <source>its title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>its kind</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>its skills</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>its question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>its answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>its choices</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>the numbers it draws</source>
        <translation>随机取的数</translation>
    </message>
    <message>
        <source>the values it works out</source>
        <translation>算出的值</translation>
    </message>
    <message>
        <source>its conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>its template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>its difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <source>in English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>in Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>{place} ({details})</source>
        <translation>{place}（{details}）</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{title} — {what}</source>
        <translation>{title}：{what}</translation>
    </message>
</context>
<context>
    <name>prompts</name>
    <message>
        <source>The name is empty: type letters a reader can see.</source>
        <translation>名字是空的：请输入看得见的字。</translation>
    </message>
    <message>
        <source>The name is longer than {count} characters.</source>
        <translation>名字超过 {count} 个字符。</translation>
    </message>
    <message>
        <source>“{name}” is the name of an archived class (tick “Show archived classes” to see it): choose another name.</source>
        <translation>“{name}”是一个已归档班级的名称（勾选“显示已归档的班级”即可看到它）：请换一个名称。</translation>
    </message>
    <message>
        <source>“{name}” is taken already: choose another name.</source>
        <translation>“{name}”已经有了：请换一个名字。</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Lamplight</source>
        <translation>Lamplight</translation>
    </message>
    <message>
        <source>Something went wrong and the last action did not finish. Your saved data is safe.</source>
        <translation>出现问题，刚才的操作没有完成。已保存的数据是安全的。</translation>
    </message>
</context>
</TS>