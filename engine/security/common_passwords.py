"""The passwords people choose first, for :func:`engine.security.passwords.password_weakness`.

Shipped as code (no download, nothing read at run time): about 400 of the most
common passwords of the public breach lists (the words and keyboard walks
behind "password1", "qwerty123", "iloveyou!"), the pinyin ones common in
China, and the words anyone at a school would try first. The strength check
compares them with a typed password after folding it (lower case, look-alike
digits and symbols read as letters, digits and symbols at either end removed),
so one entry covers a whole family: "password" refuses "Password2024!" and
"P@ssw0rd1".

Entries are lower case letters (a few keyboard walks keep their digits); all
digits are refused by another rule.
"""
from __future__ import annotations

COMMON_PASSWORDS: frozenset[str] = frozenset("""
password passwd passw0rd pass secret letmein welcome hello iloveyou loveyou love lovely lover
qwerty qwertyuiop qwertyu qwert qwe asdf asdfg asdfgh asdfghjkl asdfghjk zxcv zxcvb zxcvbn zxcvbnm qazwsx
qazwsxedc wsxedc 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e 1qazxsw2 q1w2e3r4 zaq1zaq1 zaq12wsx abcd abc abcde
abcdef abcdefg abcdefgh abcdefghi abcdefghij abcabc aaaaaa azerty qwertz
admin administrator root user guest login master default changeme test tester testing temp
dragon monkey shadow sunshine princess football baseball basketball soccer hockey tennis golf
superman batman spiderman starwars pokemon naruto minecraft fortnite roblox mario zelda
michael jennifer jordan hunter buster harley tigger charlie robert thomas daniel george andrew joshua
matthew jessica ashley amanda nicole michelle jasmine justin william taylor hannah maggie ginger pepper
summer winter autumn spring flower flowers butterfly rainbow sunflower angel angels baby babygirl
cookie cheese chocolate banana apple orange cherry peanut pumpkin sugar honey candy
freedom trustno1 whatever nothing anything something computer internet google facebook yahoo
master matrix killer ranger thunder mustang ferrari porsche mercedes corvette jaguar cowboy cowboys
yankees dallas austin chelsea liverpool arsenal barcelona madrid juventus manchester united
tiger lion eagle falcon wolf bear dolphin horse puppy kitten kitty doggy snoopy pepper bailey
hello123 welcome1 letmein1 iloveu loveme lovelove fuckyou biteme hottie sexy
jesus christ god heaven blessed faith grace
family friends friend forever together lucky happy smile
qwerty123 abc123 pass123 admin123 root123 test123 password123
silver golden gold diamond crystal star stars sunny shine
blue red green yellow purple black white pink
mother father mommy daddy sister brother
london paris berlin tokyo newyork china beijing shanghai india mumbai africa
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
secret1 private access accessdenied hacker hacking security
dream dreamer dreams magic wizard merlin phoenix dragon1 knight samurai ninja
music guitar piano rock rocker metal jazz
pizza burger coffee tea beer whiskey vodka
summer1 winter1 spring1 autumn1
charlie1 michael1 jordan23 superman1 batman1
hello1 iloveyou1 princess1 sunshine1 monkey1 shadow1 football1 baseball1
asdasd qweqwe zxczxc asdzxc qweasd qweasdzxc qazqaz
woaini woaiwojia woaini1314 aini wodemima mima mimamima nihao nihaoma laopo laogong baobao
zhang wang li liu chen yang huang zhao zhou wu xu sun ma zhu hu guo lin he gao luo
wangyang zhangwei wangwei liwei liuyang zhangjie
qq qqqq qqqqqq aaaa
laoshi xuexiao xuesheng banji tongxue kecheng zuoye ketang jiaoshi banzhuren xiaozhang
teacher teachers teaching school schools classroom classrooms class classes student students
pupil pupils lesson lessons homework maths math mathematics science english reading writing
spelling history geography art music physics chemistry biology
headteacher principal headmaster headmistress staff staffroom office library
kindergarten nursery primary secondary highschool academy college university campus
grade year term semester exam exams test quiz quizzes practice
lamplight lamp light lantern
misty mystery shelby sparky bandit buddy rusty lucky1 molly max maxwell oliver sophie chloe emily
madison abigail isabella olivia ava mia charlotte amelia harry jack james john david richard
joseph mark steven paul kevin brian edward ronald anthony donald kenneth
computer1 internet1 samsung apple1 iphone android nokia dell lenovo windows linux ubuntu
mypassword mypass yourpassword nopassword newpassword password0 passwort motdepasse contrasena
senha parola haslo salasana wachtwoord
welcome2 welkom bienvenue willkommen benvenuto bienvenido
ilovemyself iloveyousomuch sweetheart sweetie darling honey1 babe
""".split())
