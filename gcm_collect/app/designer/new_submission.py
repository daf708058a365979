# ruff: noqa
# Compiled from ui/new_submission.ui, SHA-256 8e5f8c277ef15dbe1623ee1b460a66c256847998c5fa29e06d4949e628744ef8
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_submission.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

class Ui_NewSubmissionDialog(object):
    def setupUi(self, NewSubmissionDialog):
        if not NewSubmissionDialog.objectName():
            NewSubmissionDialog.setObjectName(u"NewSubmissionDialog")
        NewSubmissionDialog.resize(560, 560)
        self.mainLayout = QVBoxLayout(NewSubmissionDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.formLabel = QLabel(NewSubmissionDialog)
        self.formLabel.setObjectName(u"formLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.formLabel)

        self.formCombo = QComboBox(NewSubmissionDialog)
        self.formCombo.setObjectName(u"formCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.formCombo)

        self.stateLabel = QLabel(NewSubmissionDialog)
        self.stateLabel.setObjectName(u"stateLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.stateLabel)

        self.stateLayout = QVBoxLayout()
        self.stateLayout.setObjectName(u"stateLayout")
        self.stateSearch = QLineEdit(NewSubmissionDialog)
        self.stateSearch.setObjectName(u"stateSearch")
        self.stateSearch.setClearButtonEnabled(True)

        self.stateLayout.addWidget(self.stateSearch)

        self.stateList = QListView(NewSubmissionDialog)
        self.stateList.setObjectName(u"stateList")
        self.stateList.setMinimumSize(QSize(0, 180))

        self.stateLayout.addWidget(self.stateList)


        self.formLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.stateLayout)

        self.regionLabel = QLabel(NewSubmissionDialog)
        self.regionLabel.setObjectName(u"regionLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.regionLabel)

        self.regionCombo = QComboBox(NewSubmissionDialog)
        self.regionCombo.setObjectName(u"regionCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.regionCombo)

        self.periodLabel = QLabel(NewSubmissionDialog)
        self.periodLabel.setObjectName(u"periodLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.periodEdit = QLineEdit(NewSubmissionDialog)
        self.periodEdit.setObjectName(u"periodEdit")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.periodEdit)

        self.focalNameLabel = QLabel(NewSubmissionDialog)
        self.focalNameLabel.setObjectName(u"focalNameLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.focalNameLabel)

        self.focalName = QLineEdit(NewSubmissionDialog)
        self.focalName.setObjectName(u"focalName")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.focalName)

        self.focalPositionLabel = QLabel(NewSubmissionDialog)
        self.focalPositionLabel.setObjectName(u"focalPositionLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.focalPositionLabel)

        self.focalPosition = QLineEdit(NewSubmissionDialog)
        self.focalPosition.setObjectName(u"focalPosition")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.focalPosition)

        self.focalEmailLabel = QLabel(NewSubmissionDialog)
        self.focalEmailLabel.setObjectName(u"focalEmailLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.focalEmailLabel)

        self.focalEmail = QLineEdit(NewSubmissionDialog)
        self.focalEmail.setObjectName(u"focalEmail")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.focalEmail)


        self.mainLayout.addLayout(self.formLayout)

        self.problemLabel = QLabel(NewSubmissionDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.problemLabel)

        self.buttonBox = QDialogButtonBox(NewSubmissionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.formLabel.setBuddy(self.formCombo)
        self.stateLabel.setBuddy(self.stateSearch)
        self.regionLabel.setBuddy(self.regionCombo)
        self.periodLabel.setBuddy(self.periodEdit)
        self.focalNameLabel.setBuddy(self.focalName)
        self.focalPositionLabel.setBuddy(self.focalPosition)
        self.focalEmailLabel.setBuddy(self.focalEmail)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.formCombo, self.stateSearch)
        QWidget.setTabOrder(self.stateSearch, self.stateList)
        QWidget.setTabOrder(self.stateList, self.regionCombo)
        QWidget.setTabOrder(self.regionCombo, self.periodEdit)
        QWidget.setTabOrder(self.periodEdit, self.focalName)
        QWidget.setTabOrder(self.focalName, self.focalPosition)
        QWidget.setTabOrder(self.focalPosition, self.focalEmail)

        self.retranslateUi(NewSubmissionDialog)
    # setupUi

    def retranslateUi(self, NewSubmissionDialog):
        NewSubmissionDialog.setWindowTitle(QCoreApplication.translate("NewSubmissionDialog", u"New submission", None))
        self.formLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"&Form:", None))
#if QT_CONFIG(accessibility)
        self.formCombo.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Form", None))
#endif // QT_CONFIG(accessibility)
        self.stateLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"&State:", None))
#if QT_CONFIG(accessibility)
        self.stateSearch.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Search States", None))
#endif // QT_CONFIG(accessibility)
        self.stateSearch.setPlaceholderText(QCoreApplication.translate("NewSubmissionDialog", u"Type a few letters of the State's name or code", None))
#if QT_CONFIG(accessibility)
        self.stateList.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"States", None))
#endif // QT_CONFIG(accessibility)
        self.regionLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"&Regional review:", None))
#if QT_CONFIG(accessibility)
        self.regionCombo.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Regional review", None))
#endif // QT_CONFIG(accessibility)
        self.periodLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"Reporting &period:", None))
#if QT_CONFIG(accessibility)
        self.periodEdit.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Reporting period", None))
#endif // QT_CONFIG(accessibility)
        self.periodEdit.setPlaceholderText(QCoreApplication.translate("NewSubmissionDialog", u"A year (2025) or a range of years (2022-2025)", None))
        self.focalNameLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"Focal point: &name:", None))
#if QT_CONFIG(accessibility)
        self.focalName.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Focal point: full name", None))
#endif // QT_CONFIG(accessibility)
        self.focalPositionLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"Focal point: p&osition:", None))
#if QT_CONFIG(accessibility)
        self.focalPosition.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Focal point: position", None))
#endif // QT_CONFIG(accessibility)
        self.focalEmailLabel.setText(QCoreApplication.translate("NewSubmissionDialog", u"Focal point: &e-mail:", None))
#if QT_CONFIG(accessibility)
        self.focalEmail.setAccessibleName(QCoreApplication.translate("NewSubmissionDialog", u"Focal point: e-mail", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

