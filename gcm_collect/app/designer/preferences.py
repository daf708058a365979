# ruff: noqa
# Compiled from ui/preferences.ui, SHA-256 837b5fc8e25633c0838cacfd4c57106532433abfaed43e221463d913e8d72a16
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'preferences.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

class Ui_PreferencesDialog(object):
    def setupUi(self, PreferencesDialog):
        if not PreferencesDialog.objectName():
            PreferencesDialog.setObjectName(u"PreferencesDialog")
        PreferencesDialog.resize(480, 300)
        self.mainLayout = QVBoxLayout(PreferencesDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(PreferencesDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.profileBox = QGroupBox(PreferencesDialog)
        self.profileBox.setObjectName(u"profileBox")
        self.profileLayout = QFormLayout(self.profileBox)
        self.profileLayout.setObjectName(u"profileLayout")
        self.nameLabel = QLabel(self.profileBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.profileLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.profileBox)
        self.nameEdit.setObjectName(u"nameEdit")

        self.profileLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.positionLabel = QLabel(self.profileBox)
        self.positionLabel.setObjectName(u"positionLabel")

        self.profileLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.positionLabel)

        self.positionEdit = QLineEdit(self.profileBox)
        self.positionEdit.setObjectName(u"positionEdit")

        self.profileLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.positionEdit)

        self.emailLabel = QLabel(self.profileBox)
        self.emailLabel.setObjectName(u"emailLabel")

        self.profileLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.profileBox)
        self.emailEdit.setObjectName(u"emailEdit")

        self.profileLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.emailEdit)


        self.mainLayout.addWidget(self.profileBox)

        self.languageLayout = QFormLayout()
        self.languageLayout.setObjectName(u"languageLayout")
        self.languageLabel = QLabel(PreferencesDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.languageLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(PreferencesDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.languageLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)


        self.mainLayout.addLayout(self.languageLayout)

        self.encryptionBox = QGroupBox(PreferencesDialog)
        self.encryptionBox.setObjectName(u"encryptionBox")
        self.encryptionLayout = QVBoxLayout(self.encryptionBox)
        self.encryptionLayout.setObjectName(u"encryptionLayout")
        self.encryptionLabel = QLabel(self.encryptionBox)
        self.encryptionLabel.setObjectName(u"encryptionLabel")
        self.encryptionLabel.setWordWrap(True)

        self.encryptionLayout.addWidget(self.encryptionLabel)

        self.encryptionButton = QPushButton(self.encryptionBox)
        self.encryptionButton.setObjectName(u"encryptionButton")

        self.encryptionLayout.addWidget(self.encryptionButton)


        self.mainLayout.addWidget(self.encryptionBox)

        self.buttonBox = QDialogButtonBox(PreferencesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.positionLabel.setBuddy(self.positionEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.languageLabel.setBuddy(self.languageCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.positionEdit)
        QWidget.setTabOrder(self.positionEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.languageCombo)
        QWidget.setTabOrder(self.languageCombo, self.encryptionButton)

        self.retranslateUi(PreferencesDialog)
    # setupUi

    def retranslateUi(self, PreferencesDialog):
        PreferencesDialog.setWindowTitle(QCoreApplication.translate("PreferencesDialog", u"Preferences", None))
        self.introLabel.setText(QCoreApplication.translate("PreferencesDialog", u"Your name is recorded with every change you make, and your profile fills the focal point of new submissions.", None))
        self.profileBox.setTitle(QCoreApplication.translate("PreferencesDialog", u"Officer profile", None))
        self.nameLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Your full name", None))
#endif // QT_CONFIG(accessibility)
        self.positionLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Position:", None))
#if QT_CONFIG(accessibility)
        self.positionEdit.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Your position", None))
#endif // QT_CONFIG(accessibility)
        self.emailLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&E-mail:", None))
#if QT_CONFIG(accessibility)
        self.emailEdit.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Your e-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.languageLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Language:", None))
#if QT_CONFIG(accessibility)
        self.languageCombo.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Language of the app", None))
#endif // QT_CONFIG(accessibility)
        self.encryptionBox.setTitle(QCoreApplication.translate("PreferencesDialog", u"Encryption at rest", None))
    # retranslateUi

