<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../kiosk/screens/attract.py" line="136"/>
        <source>Your AI photo awaits</source>
        <translation>Dein KI-Foto wartet</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/attract.py" line="137"/>
        <source>Strike a pose, pick a look, and watch the magic happen.</source>
        <translation>Posieren, Look wählen und staunen.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/attract.py" line="138"/>
        <source>Tap to start</source>
        <translation>Tippen zum Start</translation>
    </message>
</context>
<context>
    <name>ChooseScreen</name>
    <message>
        <location filename="../kiosk/screens/choose.py" line="64"/>
        <source>Choose your experience</source>
        <translation>Wähle dein Erlebnis</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/choose.py" line="65"/>
        <source>Tap the one that makes you smile.</source>
        <translation>Tippe auf das, was dich zum Lächeln bringt.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/choose.py" line="66"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>HandoffScreen</name>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="49"/>
        <source>Your picture is on its way!</source>
        <translation>Dein Bild ist unterwegs!</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="50"/>
        <source>YOUR TICKET</source>
        <translation>DEIN TICKET</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="51"/>
        <source>It opens right here when it&apos;s ready, or tap your ticket below any time.</source>
        <translation>Es erscheint hier, sobald es fertig ist, oder tippe jederzeit unten auf dein Ticket.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="52"/>
        <source>Next guest, your turn!</source>
        <translation>Nächster Gast, du bist dran!</translation>
    </message>
</context>
<context>
    <name>JobStrip</name>
    <message>
        <location filename="../widgets/job_strip.py" line="112"/>
        <source>Your pictures:</source>
        <translation>Eure Bilder:</translation>
    </message>
</context>
<context>
    <name>KioskFlow</name>
    <message>
        <location filename="../kiosk/flow.py" line="208"/>
        <source>Pick a look first: tap the one you like.</source>
        <translation>Wähle zuerst einen Look: tippe auf deinen Favoriten.</translation>
    </message>
    <message>
        <location filename="../kiosk/flow.py" line="266"/>
        <source>The camera blinked. Let&apos;s try that again!</source>
        <translation>Die Kamera hat geblinzelt. Noch einmal, bitte!</translation>
    </message>
    <message>
        <location filename="../kiosk/flow.py" line="292"/>
        <source>One moment, the studio is opening.</source>
        <translation>Einen Moment, das Studio öffnet gleich.</translation>
    </message>
    <message>
        <location filename="../kiosk/flow.py" line="301"/>
        <source>Something went wrong on our side. Please ask our host for help.</source>
        <translation>Bei uns hat etwas nicht geklappt. Bitte frag unser Team um Hilfe.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../kiosk/window.py" line="263"/>
        <source>The control panel is not available in this build.</source>
        <translation>Das Bedienfeld ist in dieser Version nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>LookScreen</name>
    <message>
        <location filename="../kiosk/screens/look.py" line="131"/>
        <source>Style %1</source>
        <translation>Stil %1</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="180"/>
        <source>Just one thing</source>
        <translation>Nur noch eine Sache</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="182"/>
        <source>Choose your look</source>
        <translation>Wähle deinen Look</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="184"/>
        <source>WHO IS IN THE PICTURE?</source>
        <translation>WER IST AUF DEM BILD?</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="185"/>
        <source>PICTURE SHAPE</source>
        <translation>BILDFORMAT</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="190"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="191"/>
        <source>Next: strike a pose</source>
        <translation>Weiter: Pose!</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../kiosk/operator_gate.py" line="148"/>
        <source>Wait a minute, then try again</source>
        <translation>Bitte eine Minute warten, dann erneut versuchen</translation>
    </message>
    <message>
        <location filename="../kiosk/operator_gate.py" line="149"/>
        <source>Wrong PIN, try again</source>
        <translation>Falsche PIN, bitte erneut</translation>
    </message>
    <message>
        <location filename="../kiosk/operator_gate.py" line="160"/>
        <source>Operator PIN</source>
        <translation>Betreiber-PIN</translation>
    </message>
    <message>
        <location filename="../kiosk/operator_gate.py" line="162"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PoseScreen</name>
    <message>
        <location filename="../kiosk/screens/pose.py" line="94"/>
        <source>Strike a pose!</source>
        <translation>Jetzt posieren!</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/pose.py" line="95"/>
        <source>Tap the big button when you&apos;re ready</source>
        <translation>Tippe auf den großen Knopf, wenn du bereit bist</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/pose.py" line="96"/>
        <source>GO</source>
        <translation>LOS</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/pose.py" line="97"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../kiosk/screens/result.py" line="131"/>
        <source>Printing! Pick it up at the printer.</source>
        <translation>Wird gedruckt! Hol es dir am Drucker ab.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="132"/>
        <source>The printer needs a moment. Scan the code to take it home.</source>
        <translation>Der Drucker braucht einen Moment. Scanne den Code und nimm es mit.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="142"/>
        <source>Here you are!</source>
        <translation>Da bist du!</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="143"/>
        <source>Scan to take it home</source>
        <translation>Scannen und mitnehmen</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="144"/>
        <source>COPIES</source>
        <translation>KOPIEN</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="145"/>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="146"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../kiosk/screens/review.py" line="51"/>
        <source>Love it?</source>
        <translation>Gefällt es dir?</translation>
    </message>
    <message numerus="yes">
        <location filename="../kiosk/screens/review.py" line="53"/>
        <source>Retake (%n left)</source>
        <translation>
            <numerusform>Nochmal (%n übrig)</numerusform>
            <numerusform>Nochmal (%n übrig)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../kiosk/screens/review.py" line="55"/>
        <source>No retakes left</source>
        <translation>Keine Wiederholung mehr</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/review.py" line="56"/>
        <source>Use it!</source>
        <translation>Nehmen!</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../kiosk/wording.py" line="19"/>
        <source>AI Magic</source>
        <translation>KI-Magie</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="20"/>
        <source>Dream Styles</source>
        <translation>Traumwelten</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="21"/>
        <source>Strike a Pose</source>
        <translation>Pose-Porträt</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="22"/>
        <source>Duo Portrait</source>
        <translation>Duo-Porträt</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="23"/>
        <source>Duo Dream</source>
        <translation>Duo-Traum</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="24"/>
        <source>Living Photo</source>
        <translation>Lebendiges Foto</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="25"/>
        <source>New Backdrop</source>
        <translation>Neuer Hintergrund</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="26"/>
        <source>Comic Hero</source>
        <translation>Comic-Held</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="27"/>
        <source>Glow Up</source>
        <translation>Glow-up</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="30"/>
        <source>Become a work of art in one tap</source>
        <translation>Mit einem Tipp zum Kunstwerk</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="31"/>
        <source>Step into a world of your choice</source>
        <translation>Tauche in eine Welt deiner Wahl ein</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="32"/>
        <source>Copy a famous pose, get a portrait</source>
        <translation>Berühmte Pose nachstellen, Porträt bekommen</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="33"/>
        <source>A portrait for the two of you</source>
        <translation>Ein Porträt für euch zwei</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="34"/>
        <source>The two of you, anywhere</source>
        <translation>Ihr zwei, wo immer ihr wollt</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="35"/>
        <source>Your photo comes alive</source>
        <translation>Dein Foto wird lebendig</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="36"/>
        <source>Just you, clean and crisp</source>
        <translation>Nur du, klar und frisch</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="37"/>
        <source>Jump into a comic strip</source>
        <translation>Spring in einen Comic</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="38"/>
        <source>Your best light, naturally</source>
        <translation>Dein bestes Licht, ganz natürlich</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="41"/>
        <source>Man</source>
        <translation>Mann</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="42"/>
        <source>Woman</source>
        <translation>Frau</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="43"/>
        <source>Boy</source>
        <translation>Junge</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="44"/>
        <source>Girl</source>
        <translation>Mädchen</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="47"/>
        <source>Portrait</source>
        <translation>Hochformat</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="48"/>
        <source>Landscape</source>
        <translation>Querformat</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="49"/>
        <source>Square</source>
        <translation>Quadrat</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="51"/>
        <source>Our AI studio is busy: your photo is safe and will appear here shortly.</source>
        <translation>Unser KI-Studio hat gerade viel zu tun: Dein Foto ist sicher und erscheint gleich hier.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="52"/>
        <source>Our AI studio is taking a short break: your photo is safe, our host is on it.</source>
        <translation>Unser KI-Studio macht kurz Pause: Dein Foto ist sicher, unser Team kümmert sich.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="53"/>
        <source>One picture needs a little help from our host. Your photo is safe.</source>
        <translation>Ein Bild braucht kurz Hilfe von unserem Team. Dein Foto ist sicher.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="54"/>
        <source>The camera is waking up again, one moment please.</source>
        <translation>Die Kamera wacht gerade auf, einen Moment bitte.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="55"/>
        <source>The printer needs a moment. Take your picture home with the QR code.</source>
        <translation>Der Drucker braucht einen Moment. Nimm dein Bild mit dem QR-Code mit.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="56"/>
        <source>Something needs a moment. Your photo is safe.</source>
        <translation>Einen Moment bitte. Dein Foto ist sicher.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="64"/>
        <source>on its way</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="68"/>
        <source>in line</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="69"/>
        <source>in the studio</source>
        <translation>im Studio</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="70"/>
        <source>ready!</source>
        <translation>fertig!</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="71"/>
        <source>ask our host</source>
        <translation>bitte Team fragen</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="72"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
</TS>
